/**
 * Attachments as readers see them: the list of a meeting's, agenda item's, issue's or measure's documents
 * (projection {@code attachments}) and their download, allowed to whoever may read the parent and served
 * only after the bytes were checked against the SHA-256 recorded in the ledger.
 */
package cz.souhra.query.attachment;
