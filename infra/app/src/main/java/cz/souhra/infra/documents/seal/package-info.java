/**
 * The electronic seal of the minutes: a PAdES baseline signature (B-T, or B-LTA with trust material) made with
 * the institution's seal certificate and an RFC 3161 timestamp from the configured time-stamping authority,
 * applied to the PDF/A bytes as an incremental update so the file stays PDF/A-3.
 */
package cz.souhra.infra.documents.seal;
