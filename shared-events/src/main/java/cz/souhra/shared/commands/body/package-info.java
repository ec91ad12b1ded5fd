/** Commands of the body feature: records, one per file. */
package cz.souhra.shared.commands.body;
