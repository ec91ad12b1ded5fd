/** Events of the body feature: records, one per file. */
package cz.souhra.shared.events.body;
