/** Documents made from the read models: minutes PDF/A with the ledger checkpoint, ICS calendars, CSV exports. */
package cz.souhra.infra.documents;
