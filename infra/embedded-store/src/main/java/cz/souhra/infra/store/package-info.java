/**
 * The embedded durable store: a mongo-java-server whose H2 backend acknowledges a write only after a
 * durable (group) commit, a lock on the data directory, and the Spring wiring that picks it when no
 * MongoDB URI is configured. See docs/adr/0001-embedded-durable-store.md for the choice and figures.
 */
package cz.souhra.infra.store;
