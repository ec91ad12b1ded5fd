/** Commands of the measure feature: records, one per file. */
package cz.souhra.shared.commands.measure;
