/** HTTP concerns shared by both sides: the last-resort problem handler, OpenAPI description. */
package cz.souhra.infra.web;
