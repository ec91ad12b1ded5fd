/** Events of the institution feature: records, one per file. */
package cz.souhra.shared.events.institution;
