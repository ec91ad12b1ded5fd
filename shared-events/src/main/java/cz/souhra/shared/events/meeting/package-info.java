/** Events of the meeting feature: records, one per file. */
package cz.souhra.shared.events.meeting;
