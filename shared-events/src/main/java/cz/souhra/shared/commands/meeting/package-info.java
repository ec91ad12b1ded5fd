/** Commands of the meeting feature: records, one per file. */
package cz.souhra.shared.commands.meeting;
