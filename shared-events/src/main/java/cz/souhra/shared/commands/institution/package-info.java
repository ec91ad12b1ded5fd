/** Commands of the institution feature: records, one per file. */
package cz.souhra.shared.commands.institution;
