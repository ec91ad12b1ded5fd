/**
 * Dashboards computed from the measure and issue read models: the viewer's open and overdue measures and counts per body, per issue category and per region with the national roll-up; now, as of an instant, and live.
 */
package cz.souhra.query.dashboard;
