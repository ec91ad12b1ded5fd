/** Commands of attachments: records, one per file. */
package cz.souhra.shared.commands.attachment;
