package cz.souhra.query.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.function.Function;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;

/**
 * Views in MongoDB. Each write replaces one whole document by id: with no transactions, a crash between
 * two writes of one event leaves each document either before or after the event, and redelivery
 * completes the rest because folds answer the missing writes again.
 */
public final class MongoViews implements ReadableViews {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT_FIELDS = new UpdateOptions().upsert(true);

    private final Function<String, MongoCollection<Document>> collections;

    public MongoViews(Function<String, MongoCollection<Document>> collections) {
        this.collections = collections;
    }

    @Override
    public Document get(String collection, String id) {
        return collections.apply(collection).find(Filters.eq("_id", id)).first();
    }

    @Override
    public List<Document> all(String collection) {
        return collections.apply(collection).find().into(new ArrayList<>());
    }

    @Override
    public List<Document> where(String collection, String field, Object value) {
        return collections.apply(collection).find(Filters.eq(field, value)).into(new ArrayList<>());
    }

    /** The stored documents with these ids, by id, in one round trip; an id not stored maps to null. */
    public Map<String, Document> getAll(String collection, Collection<String> ids) {
        return byKey(collections.apply(collection), "_id", ids);
    }

    /**
     * The documents whose {@code field} is one of {@code keys}, in one round trip; every key is in the answer,
     * mapped to null when no document has it. The field needs a unique single-key index: the embedded store
     * answers {@code $in} from one, and scans the whole collection for it otherwise.
     */
    public static Map<String, Document> byKey(MongoCollection<Document> collection, String field, Collection<String> keys) {
        Map<String, Document> out = new HashMap<>();
        if (!keys.isEmpty()) {
            keys.forEach(k -> out.put(k, null));
            collection.find(Filters.in(field, keys)).forEach(d -> out.put(String.valueOf(d.get(field)), d));
        }
        return out;
    }

    public void apply(List<Projector.Write> writes) {
        for (Projector.Write w : writes) {
            collections.apply(w.collection()).bulkWrite(List.of(model(w)));
        }
    }

    /** Stores writes of one collection (at most one per document) in one round trip. */
    public void writeAll(String collection, Collection<Projector.Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> models = new ArrayList<>(writes.size());
        writes.forEach(w -> models.add(model(w)));
        collections.apply(collection).bulkWrite(models, new BulkWriteOptions().ordered(true));
    }

    /** A replace of the whole document, or for a merge a {@code $set} of its fields; both create a missing one. */
    private static WriteModel<Document> model(Projector.Write w) {
        if (!w.merge()) {
            return new ReplaceOneModel<>(Filters.eq("_id", w.document().get("_id")), w.document(), UPSERT);
        }
        Document set = new Document(w.document());
        set.remove("_id");
        return new UpdateOneModel<>(Filters.eq("_id", w.document().get("_id")), new Document("$set", set), UPSERT_FIELDS);
    }

    /** Upserts whole documents by {@code _id}, in order, in one round trip (nothing sent for none). */
    public static void replaceAll(MongoCollection<Document> collection, Collection<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> models = new ArrayList<>(documents.size());
        for (Document d : documents) {
            models.add(new ReplaceOneModel<>(Filters.eq("_id", d.get("_id")), d, UPSERT));
        }
        collection.bulkWrite(models, new BulkWriteOptions().ordered(true));
    }

    public void clear(String collection) {
        collections.apply(collection).deleteMany(new Document());
    }

    public List<Projector.Write> fold(Projector p, Object payload, EventMeta meta) {
        List<Projector.Write> writes = p.fold(this, payload, meta);
        apply(writes);
        return writes;
    }
}
