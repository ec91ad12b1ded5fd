package cz.souhra.query.common;

import java.util.List;

import org.bson.Document;

/**
 * What a query reads of a projection's views, whether they are today's read model ({@link MongoViews}) or
 * the same fold replayed up to an instant ({@link MemoryViews}); {@link ViewsAt} chooses between them.
 */
public interface ReadableViews extends ViewLookup {

    /** Every document of one collection, in no promised order: callers sort what they show. */
    List<Document> all(String collection);

    /** The documents of one collection whose {@code field} equals {@code value}. */
    List<Document> where(String collection, String field, Object value);
}
