/** Events of the issue feature: records, one per file. */
package cz.souhra.shared.events.issue;
