package cz.souhra.query.common;

import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.shared.Actor;

/**
 * Read rights: auditors and administrators see everything; a secretary sees the bodies they record; a
 * member institution sees the measures it owns and everything of the bodies it is a member of.
 */
@Component
public class Access {

    private final MongoTemplate mongo;

    public Access(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean seesAll(Actor a) {
        return a.has(Actor.Role.ADMIN) || a.has(Actor.Role.AUDITOR);
    }

    public boolean seesBody(Actor a, String bodyId) {
        if (seesAll(a) || bodyId == null) {
            return seesAll(a);
        }
        if (a.isSecretaryOf(bodyId)) {
            return true;
        }
        Document body = mongo.getCollection("bodies").find(Filters.eq("_id", bodyId)).first();
        return body != null && a.institution() != null && body.getList("members", String.class, List.of()).contains(a.institution());
    }

    public boolean seesMeasure(Actor a, String owner, String bodyId) {
        return seesAll(a) || a.actsFor(owner) || seesBody(a, bodyId);
    }

    public void requireMeasure(Actor a, String owner, String bodyId) {
        if (!seesMeasure(a, owner, bodyId)) {
            throw QueryRefusal.forbidden();
        }
    }
}
