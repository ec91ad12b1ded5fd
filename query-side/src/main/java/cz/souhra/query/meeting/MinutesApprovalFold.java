package cz.souhra.query.meeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import cz.souhra.query.common.EventMeta;
import cz.souhra.shared.events.meeting.MinutesApprovedEvent;
import cz.souhra.shared.events.meeting.MinutesConfirmedEvent;
import cz.souhra.shared.events.meeting.MinutesDraftCorrectedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionNotedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionRaisedEvent;
import cz.souhra.shared.events.meeting.MinutesVerificationStartedEvent;
import cz.souhra.shared.model.MinutesVerifier;

/**
 * The {@code minutesApproval} part of the meeting view, a pure function of the approval events: every draft
 * with its text, the verifiers with their answer to the current draft, every confirmation and every
 * objection with how it was answered, and the final text. A new copy is returned; the input is not changed.
 */
final class MinutesApprovalFold {

    private MinutesApprovalFold() {}

    static boolean folds(Object event) {
        return event instanceof MinutesVerificationStartedEvent || event instanceof MinutesConfirmedEvent
                || event instanceof MinutesObjectionRaisedEvent || event instanceof MinutesObjectionNotedEvent
                || event instanceof MinutesDraftCorrectedEvent || event instanceof MinutesApprovedEvent;
    }

    static Document apply(Map<String, Object> current, Object event, EventMeta m) {
        if (event instanceof MinutesVerificationStartedEvent e) {
            List<Object> verifiers = new ArrayList<>();
            for (MinutesVerifier v : e.verifiers()) {
                verifiers.add(new Document("institution", v.institution().value()).append("name", v.name()).append("state", "PENDING"));
            }
            List<Object> drafts = new ArrayList<>();
            drafts.add(new Document("version", e.version()).append("text", e.text()).append("at", e.startedAt().toString()).append("by", m.actor()));
            return new Document("status", "IN_VERIFICATION").append("version", e.version()).append("text", e.text())
                    .append("startedAt", e.startedAt().toString()).append("deadline", e.deadline().toString())
                    .append("verifiers", verifiers).append("drafts", drafts).append("confirmations", new ArrayList<>())
                    .append("objections", new ArrayList<>());
        }
        if (current == null) {
            return null;
        }
        Document a = copy(current);
        if (event instanceof MinutesConfirmedEvent e) {
            list(a, "confirmations").add(new Document("version", e.version()).append("institution", e.verifier().value())
                    .append("by", e.confirmedBy()).append("at", e.confirmedAt().toString()));
            verifier(a, e.verifier().value(), v -> v.append("state", "CONFIRMED").append("by", e.confirmedBy()).append("at", e.confirmedAt().toString()));
        } else if (event instanceof MinutesObjectionRaisedEvent e) {
            list(a, "objections").add(new Document("number", e.objection()).append("version", e.version()).append("institution", e.verifier().value())
                    .append("by", e.raisedBy()).append("text", e.text()).append("at", e.raisedAt().toString()).append("state", "OPEN"));
            verifier(a, e.verifier().value(), v -> v.append("state", "OBJECTED").append("by", e.raisedBy()).append("at", e.raisedAt().toString()));
        } else if (event instanceof MinutesObjectionNotedEvent e) {
            for (Object o : list(a, "objections")) {
                Document objection = (Document) o;
                if (((Number) objection.get("number")).intValue() == e.objection()) {
                    objection.append("state", "NOTED").append("note", e.note()).append("answeredBy", e.notedBy()).append("answeredAt", e.notedAt().toString());
                }
            }
        } else if (event instanceof MinutesDraftCorrectedEvent e) {
            for (Object o : list(a, "objections")) {
                Document objection = (Document) o;
                if (e.answers().contains(((Number) objection.get("number")).intValue())) {
                    objection.append("state", "CORRECTED").append("answeredBy", e.correctedBy()).append("answeredAt", e.correctedAt().toString())
                            .append("answeredVersion", e.version()).append("note", e.note());
                }
            }
            list(a, "drafts").add(new Document("version", e.version()).append("text", e.text()).append("at", e.correctedAt().toString())
                    .append("by", e.correctedBy()).append("note", e.note()));
            for (Object v : list(a, "verifiers")) {
                // answers were to the earlier text: every verifier answers the new draft
                Document verifier = (Document) v;
                verifier.append("state", "PENDING").remove("by");
                verifier.remove("at");
            }
            a.append("version", e.version()).append("text", e.text()).append("deadline", e.deadline().toString());
        } else if (event instanceof MinutesApprovedEvent e) {
            a.append("status", "FINAL").append("version", e.version()).append("text", e.text()).append("basis", e.basis().name())
                    .append("approvedAt", e.approvedAt().toString());
        }
        return a;
    }

    private static void verifier(Document a, String institution, java.util.function.UnaryOperator<Document> change) {
        for (Object v : list(a, "verifiers")) {
            Document verifier = (Document) v;
            if (institution.equals(verifier.get("institution"))) {
                change.apply(verifier);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Document d, String key) {
        return (List<Object>) d.get(key);
    }

    /** A deep copy of the lists of documents, so the stored view is never mutated. */
    @SuppressWarnings("unchecked")
    private static Document copy(Map<String, Object> current) {
        Document c = new Document();
        current.forEach((k, v) -> {
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                for (Object o : l) {
                    out.add(o instanceof Map<?, ?> map ? new Document(new LinkedHashMap<>((Map<String, Object>) map)) : o);
                }
                c.put(k, out);
            } else {
                c.put(k, v);
            }
        });
        return c;
    }
}
