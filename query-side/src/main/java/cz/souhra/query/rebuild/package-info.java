/**
 * Rebuilding projections from the event store into shadow generations while the live read models keep serving, the atomic switch, and canonical digests that prove live and rebuilt read models equal.
 */
package cz.souhra.query.rebuild;
