package cz.souhra.query.common;

import java.util.List;

/**
 * A projection as a pure fold: given the views it may read and one event, the documents it writes.
 * The live event handler, the rebuild into shadow collections and the as-of replay all call this one
 * method, which is what makes "live = rebuild = replay up to T" hold by construction. A fold must not
 * read the clock or anything but {@code views}, and for an event it has already applied must answer
 * nothing (aggregate sequence at or below the stored version, or a set it is already in) or only writes
 * that store what is there already.
 */
public interface Projector {

    /** The processing group, also the name a rebuild is asked for. */
    String name();

    /** Logical names of the collections this projection owns. */
    List<String> collections();

    List<Write> fold(ViewLookup views, Object payload, EventMeta meta);

    /**
     * The documents {@link #fold} will read for this event, so that a tracking batch can read them all in one
     * round trip before it folds. Only a hint: a document not named here is still read when the fold asks.
     */
    default List<Read> reads(Object payload, EventMeta meta) {
        return List.of();
    }

    /** A document a fold reads. */
    record Read(String collection, String id) {
    }

    /**
     * One document to store: replaced whole by {@code _id} (upsert), or for a {@linkplain #merge merge} its
     * top-level fields set on the stored document (created if absent). Folds of different segments may
     * add to one merged document at the same time without losing each other's fields, since the store
     * sets each field atomically; a read model compares with its rebuild field by field (keys sorted), so
     * the order the fields arrived in does not matter.
     */
    record Write(String collection, org.bson.Document document, boolean merge) {

        public Write(String collection, org.bson.Document document) {
            this(collection, document, false);
        }

        /** Sets the fields of {@code fields} (which holds the {@code _id}) on the stored document. */
        public static Write merge(String collection, org.bson.Document fields) {
            return new Write(collection, fields, true);
        }

        public String id() {
            return String.valueOf(document.get("_id"));
        }

        /** The document that results from this write on {@code stored} (null: none stored). */
        public org.bson.Document applyTo(org.bson.Document stored) {
            if (!merge || stored == null) {
                return document;
            }
            org.bson.Document out = new org.bson.Document(stored);
            out.putAll(document);
            return out;
        }

        /** This write followed by {@code next} on the same document, as one write. */
        public Write then(Write next) {
            return next.merge ? new Write(collection, next.applyTo(document), merge) : next;
        }
    }
}
