/**
 * The meeting view: agenda with discussion and carry-overs in both directions, attendance and quorum, resolutions, measures adopted, minutes, corrections and the ledger checkpoint; now, as of an instant, and live.
 */
package cz.souhra.query.meeting;
