/**
 * Measure status (owner, due date, status, percent, overdue), the measure register, a measure's history and lineage, and live updates of one measure.
 */
package cz.souhra.query.measure;
