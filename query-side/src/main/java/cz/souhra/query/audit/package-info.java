/**
 * The auditor's promise: a persisted per-region hash chain over every stored event (the ledger), its
 * verification against the event store, the audit log, and an export that verifies offline. The
 * canonical form is specified in docs/ledger.md.
 */
package cz.souhra.query.audit;
