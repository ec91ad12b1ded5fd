/**
 * The generic history: every event of any type with actor, institution, meeting, recorded and effective time, readable per subject (measure, meeting, issue, body) and per region in recorded order.
 */
package cz.souhra.query.history;
