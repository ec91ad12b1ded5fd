/**
 * The server-rendered web UI: Thymeleaf pages and htmx fragments over the same commands and typed queries
 * as the HTTP API. Nothing here decides a domain rule; refusals come from the aggregates and are shown
 * beside the field they concern, with the user's input kept.
 */
package cz.souhra.infra.ui;
