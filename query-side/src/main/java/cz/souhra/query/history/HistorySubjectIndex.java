package cz.souhra.query.history;

import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import cz.souhra.query.common.ReadModels;

/**
 * Whether the subject index of {@link HistoryProjection} covers every history entry. It does on a store
 * whose history was empty when this version first started (every entry since was indexed with it), and
 * once a rebuild of the history projection has run on a store from before the index; until then a
 * subject's history is read by scanning, as before. Checked when the bean is made, i.e. before the
 * tracking processors start, so an entry written at start-up cannot be mistaken for an old one.
 */
@Component
public class HistorySubjectIndex {

    /** Outside every projection's collections: a rebuild neither writes nor compares it. */
    public static final String MIGRATIONS = "read_model_migrations";
    static final String ID = "history-subject-index";

    private final ReadModels readModels;
    private volatile boolean complete;

    public HistorySubjectIndex(ReadModels readModels) {
        this.readModels = readModels;
        complete = marked();
        if (!complete && readModels.collection(HistoryProjection.COLLECTION).find().first() == null) {
            markComplete();
        }
    }

    public boolean complete() {
        if (!complete && marked()) {
            complete = true;
        }
        return complete;
    }

    /** History entries were written before the index existed: a rebuild of the history projection indexes them. */
    public boolean needsRebuild() {
        return !complete();
    }

    public void markComplete() {
        readModels.collection(MIGRATIONS).replaceOne(Filters.eq("_id", ID), new Document("_id", ID).append("complete", true),
                new ReplaceOptions().upsert(true));
        complete = true;
    }

    private boolean marked() {
        return readModels.collection(MIGRATIONS).find(Filters.eq("_id", ID)).first() != null;
    }
}
