/**
 * Events of attachments: a document added to a meeting, agenda item, issue or measure with the SHA-256 of
 * its bytes, so the ledger covers the bytes; and its removal, which stays a fact after the bytes are purged.
 */
package cz.souhra.shared.events.attachment;
