package cz.souhra.query.common;

import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.RenameCollectionOptions;

/**
 * Where read models live: each under its logical name, and while a rebuild runs, its next content under
 * {@code name}{@value #SHADOW_SUFFIX}. The switch renames the shadow over the live collection with
 * {@code dropTarget}, one atomic step per collection on MongoDB and on the embedded store alike, so a
 * reader sees the old or the new read model, never a half-built one. Keeping the logical name after
 * the switch means nothing else (readers, the determinism check, backups) needs to know a rebuild
 * happened.
 */
@Component
public class ReadModels {

    public static final String SHADOW_SUFFIX = "__rebuild";

    private final MongoTemplate mongo;

    public ReadModels(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public MongoCollection<Document> collection(String logical) {
        return mongo.getCollection(logical);
    }

    public MongoCollection<Document> shadow(String logical) {
        return mongo.getCollection(shadowName(logical));
    }

    /** The live views, for a fold to read and the live projection to write. */
    public MongoViews live() {
        return new MongoViews(this::collection);
    }

    public MongoViews shadows() {
        return new MongoViews(this::shadow);
    }

    public void dropShadows(List<String> logical) {
        // Only those that exist: the embedded store logs a dropped unknown collection as an error with a stack trace.
        logical.stream().filter(this::shadowExists).forEach(l -> shadow(l).drop());
    }

    /** Puts the rebuilt content in place of the live one, collection by collection. */
    public void switchToShadows(List<String> logical) {
        for (String l : logical) {
            if (shadowExists(l)) {
                shadow(l).renameCollection(new MongoNamespace(mongo.getDb().getName(), l), new RenameCollectionOptions().dropTarget(true));
            } else {
                // an empty rebuilt read model: no shadow collection was ever created
                collection(l).drop();
            }
        }
    }

    private String shadowName(String logical) {
        return logical + SHADOW_SUFFIX;
    }

    private boolean shadowExists(String logical) {
        return mongo.collectionExists(shadowName(logical));
    }
}
