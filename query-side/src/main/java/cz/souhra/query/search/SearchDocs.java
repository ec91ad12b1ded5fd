package cz.souhra.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bson.Document;

/**
 * The searchable entries of one record as a pure function of its folded state (the same folds the registers
 * use, {@link SearchIndex}): an issue, a measure with its progress notes, and a meeting's agenda items,
 * discussions, resolutions and minutes. Each entry carries the access terms a reader must hold one of, the
 * same rules as the registers: an issue is read by who acts in its region and by the institution that raised
 * it ({@code Viewer.seesIssue}), a measure by its owner and the people of its body ({@code seesMeasure}), a
 * meeting's texts by the people of its body ({@code seesBody}); an attachment by who reads its parent.
 */
final class SearchDocs {

    private SearchDocs() {
    }

    /** One searchable text. {@code recordId} is what the hit links to (the issue, measure or meeting). */
    record Entry(String id, SearchKind kind, String recordId, String title, String text, String region, String body, String category,
                 String status, String date, Set<String> access, String recordKind) {
    }

    /** What a hit links to: the issue, the measure, or the meeting (for its agenda, discussions, resolutions and minutes). */
    static final String ISSUE = "ISSUE";
    static final String MEASURE = "MEASURE";
    static final String MEETING = "MEETING";

    static String regionTerm(String region) {
        return "region:" + region;
    }

    static String institutionTerm(String institution) {
        return "institution:" + institution;
    }

    static String bodyTerm(String body) {
        return "body:" + body;
    }

    static List<Entry> ofIssue(Document issue) {
        String id = issue.getString("issueId");
        String text = Stream.of(issue.getString("description"), issue.getString("locality"), issue.getString("resolution"), issue.getString("reopenReason"))
                .filter(Objects::nonNull).filter(s -> !s.isBlank()).collect(Collectors.joining("\n"));
        return List.of(new Entry("issue:" + id, SearchKind.ISSUE, id, issue.getString("title"), text, issue.getString("region"), null,
                issue.getString("category"), issue.getString("status"), issue.getString("observedOn"), issueAccess(issue), ISSUE));
    }

    /** A measure: its title, description, decision basis, progress notes and closing notes. */
    static List<Entry> ofMeasure(Document state) {
        Document view = state.get("view", Document.class);
        String id = view.getString("measureId");
        List<String> parts = new ArrayList<>();
        parts.add(view.getString("description"));
        parts.add(view.getString("decisionBasis"));
        parts.addAll(state.getList("notes", String.class, List.of()));
        String text = parts.stream().filter(Objects::nonNull).filter(s -> !s.isBlank()).collect(Collectors.joining("\n"));
        return List.of(new Entry("measure:" + id, SearchKind.MEASURE, id, view.getString("title"), text, view.getString("region"),
                view.getString("bodyId"), null, view.getString("status"), text(view.get("dueDate")), measureAccess(state), MEASURE));
    }

    /** A meeting's agenda items, their discussions, its resolutions and its minutes. */
    static List<Entry> ofMeeting(Document meeting) {
        String id = meeting.getString("meetingId");
        String region = meeting.getString("region");
        String body = meeting.getString("bodyId");
        String status = meeting.getString("status");
        String date = meeting.getString("startsAt") == null ? null : meeting.getString("startsAt").substring(0, Math.min(10, meeting.getString("startsAt").length()));
        Set<String> access = meetingAccess(meeting);
        List<Entry> out = new ArrayList<>();
        for (Object o : meeting.getList("agenda", Object.class, List.of())) {
            Map<?, ?> item = (Map<?, ?>) o;
            String itemId = text(item.get("itemId"));
            String title = text(item.get("title"));
            out.add(new Entry("agenda:" + id + ":" + itemId, SearchKind.AGENDA_ITEM, id, title, "", region, body, null, status, date, access, MEETING));
            String discussion = text(item.get("discussion"));
            if (discussion != null && !discussion.isBlank()) {
                out.add(new Entry("discussion:" + id + ":" + itemId, SearchKind.DISCUSSION, id, title, discussion, region, body, null, status, date, access, MEETING));
            }
        }
        for (Object o : meeting.getList("resolutions", Object.class, List.of())) {
            Map<?, ?> r = (Map<?, ?>) o;
            out.add(new Entry("resolution:" + id + ":" + text(r.get("resolutionId")), SearchKind.RESOLUTION, id, text(r.get("number")),
                    text(r.get("text")), region, body, null, status, date, access, MEETING));
        }
        String minutes = meeting.getString("minutes");
        if (minutes != null && !minutes.isBlank()) {
            out.add(new Entry("minutes:" + id, SearchKind.MINUTES, id, null, minutes, region, body, null, status, date, access, MEETING));
        }
        return out;
    }

    /**
     * An attachment: its name and the text of its file, linked to its parent record and read by exactly who reads
     * the parent ({@code parent} is the parent's folded state, null if the index has none). Agenda items' files
     * belong to their meeting.
     */
    static List<Entry> ofAttachment(Document attachment, Document parent) {
        String parentKind = attachment.getString("parentKind");
        String recordKind = "issue".equals(parentKind) ? ISSUE : "measure".equals(parentKind) ? MEASURE : MEETING;
        Set<String> access = parent == null ? Set.of() : switch (recordKind) {
            case ISSUE -> issueAccess(parent);
            case MEASURE -> measureAccess(parent);
            default -> meetingAccess(parent);
        };
        String body = parent == null ? null : switch (recordKind) {
            case ISSUE -> null;
            case MEASURE -> parent.get("view", Document.class).getString("bodyId");
            default -> parent.getString("bodyId");
        };
        return List.of(new Entry("attachment:" + attachment.getString("attachmentId"), SearchKind.ATTACHMENT, attachment.getString("parent"),
                attachment.getString("name"), attachment.getString("text"), attachment.getString("region"), body, null, null,
                attachment.getString("addedOn"), access, recordKind));
    }

    private static Set<String> issueAccess(Document issue) {
        return terms(issue.getString("region") == null ? null : regionTerm(issue.getString("region")),
                issue.getString("raisedBy") == null ? null : institutionTerm(issue.getString("raisedBy")));
    }

    private static Set<String> measureAccess(Document state) {
        Document view = state.get("view", Document.class);
        return terms(view.getString("owner") == null ? null : institutionTerm(view.getString("owner")),
                view.getString("bodyId") == null ? null : bodyTerm(view.getString("bodyId")));
    }

    private static Set<String> meetingAccess(Document meeting) {
        return terms(meeting.getString("bodyId") == null ? null : bodyTerm(meeting.getString("bodyId")));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static Set<String> terms(String... terms) {
        return Stream.of(terms).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
