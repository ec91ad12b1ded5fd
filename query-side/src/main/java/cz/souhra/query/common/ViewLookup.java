package cz.souhra.query.common;

import org.bson.Document;

/** Read access a fold gets: one view by logical collection and id, or null. */
@FunctionalInterface
public interface ViewLookup {
    Document get(String collection, String id);
}
