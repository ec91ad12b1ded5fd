/**
 * Full-text search over issues, measures (title, basis, progress notes), agenda items, discussions, resolutions
 * and minutes: a Lucene index kept by its own tracking processor, one copy per Souhra process in its data
 * directory, with Czech analysis (word forms, any case, with or without diacritics), highlighted snippets,
 * facets, and the reader's rights applied inside the query. A new kind of document (an attachment's extracted
 * text, readable by whoever reads its parent record) is one more {@link cz.souhra.query.search.SearchKind} and
 * one more derivation in {@link cz.souhra.query.search.SearchDocs} that copies the parent's access terms.
 */
package cz.souhra.query.search;
