package cz.souhra.query.common;

import java.util.List;

/**
 * A projection as a pure fold: given the views it may read and one event, the documents it writes.
 * The live event handler, the rebuild into shadow collections and the as-of replay all call this one
 * method, which is what makes "live = rebuild = replay up to T" hold by construction. A fold must not
 * read the clock or anything but {@code views}, and must answer nothing for an event it has already
 * applied (aggregate sequence at or below the stored version, or a set it is already in).
 */
public interface Projector {

    /** The processing group, also the name a rebuild is asked for. */
    String name();

    /** Logical names of the collections this projection owns. */
    List<String> collections();

    List<Write> fold(ViewLookup views, Object payload, EventMeta meta);

    /** One whole document to store (replace by {@code _id}, upsert). */
    record Write(String collection, org.bson.Document document) {
        public String id() {
            return String.valueOf(document.get("_id"));
        }
    }
}
