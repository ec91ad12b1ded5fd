package cz.souhra.infra.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each API operation answers, in one place: its area (tag), summary, success status, media type,
 * the refusals it can give besides 401 and an example request. {@link ApiDocumentation} writes this into
 * the OpenAPI document; {@code OpenApiContractTest} sends real requests to prove every status listed here.
 * <p>
 * Where the refusals come from: 400 an unreadable or invalid body, a malformed id or query value;
 * 403 the role gate of {@code SecurityConfiguration} (commands need ADMIN, SECRETARY or MEMBER; {@code /api/admin}
 * ADMIN; {@code /api/audit} AUDITOR or ADMIN) or a record the caller may not read or change; 404 an unknown
 * id; 409 a stale {@code If-Match} version or a state that no longer allows the command; 422 a domain rule.
 * 401 is every operation's: the API accepts no request without HTTP Basic credentials.
 */
final class ApiContract {

    static final String INSTITUTIONS = "institutions";
    static final String BODIES = "bodies";
    static final String MEETINGS = "meetings";
    static final String ISSUES = "issues";
    static final String MEASURES = "measures";
    static final String SEARCH = "search";
    static final String AUDIT = "audit";
    static final String DOCUMENTS = "documents";
    static final String OPEN_DATA = "open data";
    static final String USERS = "users";
    static final String ADMIN = "admin";

    /** Tag descriptions, in the order a reader meets the areas. */
    static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put(INSTITUTIONS, "Member institutions of a regional platform (offices, municipalities, NGOs).");
        TAGS.put(BODIES, "Bodies (platforms, working groups), their members and secretaries.");
        TAGS.put(MEETINGS, "Meetings from scheduling to closing: agenda, attendance, discussion, resolutions, minutes and their approval.");
        TAGS.put(ISSUES, "The issue register: problems raised by institutions and linked to agenda items and measures.");
        TAGS.put(MEASURES, "Measures adopted by resolutions: owner, deadline, progress, verification; the dashboard.");
        TAGS.put(SEARCH, "Full-text search (Czech word forms, with or without diacritics) over what the caller may read.");
        TAGS.put(AUDIT, "The tamper-evident ledger and the change history (auditors and administrators).");
        TAGS.put(DOCUMENTS, "Minutes PDF/A, ICS calendars and CSV exports.");
        TAGS.put(OPEN_DATA, "Bodies, meetings and memberships as OParl 1.1 objects.");
        TAGS.put(USERS, "Accounts: the caller's own account and the administrators' user management.");
        TAGS.put(ADMIN, "Operating Souhra: read-model rebuild and verification, event processors, determinism check.");
    }

    /**
     * One operation's contract. {@code commandResult}: the success body is {@code {"id": …}} (commands answer so);
     * otherwise it is the view springdoc derives from the method's return type.
     */
    record Op(String method, String path, String tag, int success, String summary, Set<Integer> refusals, String mediaType, String example,
              boolean commandResult) {

        String key() {
            return method + " " + path;
        }

        Op refuses(Integer... statuses) {
            Set<Integer> all = new TreeSet<>(refusals);
            all.addAll(List.of(statuses));
            return new Op(method, path, tag, success, summary, all, mediaType, example, commandResult);
        }

        Op produces(String type) {
            return new Op(method, path, tag, success, summary, refusals, type, example, commandResult);
        }

        Op example(String json) {
            return new Op(method, path, tag, success, summary, refusals, mediaType, json, commandResult);
        }

        Op returnsView() {
            return new Op(method, path, tag, success, summary, refusals, mediaType, example, false);
        }
    }

    private static Op op(String methodAndPath, String tag, int success, String summary) {
        int space = methodAndPath.indexOf(' ');
        return new Op(methodAndPath.substring(0, space), methodAndPath.substring(space + 1), tag, success, summary, new TreeSet<>(Set.of(401)),
                "application/json", null, success == 201 || success == 202);
    }

    static final String BODY_ID = "5b1f7c2e-8d3a-4f6b-9e0c-2a7d4b8e1f30";
    static final String MEETING_ID = "c4e2a9d1-3b7f-4c8e-a5d6-0f1e2d3c4b5a";
    static final String ITEM_ID = "7a3c5e9b-1d2f-4a6c-8e0b-3d5f7a9c1e2b";
    static final String RESOLUTION_ID = "e8d6c4b2-a0f9-4e7d-b5c3-1a9f8e7d6c5b";
    static final String MEASURE_ID = "2f4e6a8c-0b1d-4e3f-a5c7-9b1d3f5e7a9c";
    static final String ISSUE_ID = "9c7e5a3f-1b2d-4c4e-b6a8-0d2f4b6e8a0c";
    static final String ATTACHMENT_ID = "4d6f8b0a-2c3e-4f5a-b7c9-1e3a5c7e9b0d";

    private static final List<Op> OPERATIONS = List.of(
            // institutions
            op("GET /api/institutions", INSTITUTIONS, 200, "List institutions (filter by region, kind, text; paged)").refuses(400),
            op("POST /api/institutions", INSTITUTIONS, 201, "Register an institution under its code").refuses(400, 403, 409)
                    .example("{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce ČR – krajská pobočka v Liberci\"}"),
            op("POST /api/institutions/{id}/rename", INSTITUTIONS, 202, "Rename an institution").refuses(400, 403, 404, 409)
                    .example("{\"name\":\"Úřad práce ČR – krajská pobočka v Liberci\"}"),
            op("POST /api/institutions/{id}/retire", INSTITUTIONS, 202, "Retire an institution (it can no longer join bodies)").refuses(400, 403, 404, 409)
                    .example("{\"reason\":\"Sloučení s krajskou pobočkou\"}"),
            // bodies
            op("GET /api/bodies", BODIES, 200, "List bodies (filter by region, kind; paged)").refuses(400),
            op("GET /api/bodies/{id}", BODIES, 200, "Read a body with its members and secretaries, now or as of an instant").refuses(400, 404),
            op("GET /api/bodies/{id}/history", BODIES, 200, "The recorded changes of a body").refuses(400, 404),
            op("GET /api/bodies/{id}/meetings", MEETINGS, 200, "List the meetings of a body").refuses(400, 403),
            op("POST /api/bodies", BODIES, 201, "Establish a body (platform or working group)").refuses(400, 403)
                    .example("{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Pracovní skupina ubytovny\",\"meetingsPerYear\":4,\"quorumPercent\":50}"),
            op("POST /api/bodies/{id}/members", BODIES, 202, "Admit an institution as a member").refuses(400, 403, 404, 409, 422)
                    .example("{\"institution\":\"UPLB\"}"),
            op("POST /api/bodies/{id}/members/{institution}/remove", BODIES, 202, "Remove a member institution").refuses(400, 403, 404, 409, 422)
                    .example("{\"reason\":\"Instituce požádala o ukončení členství\"}"),
            op("POST /api/bodies/{id}/secretaries", BODIES, 202, "Appoint a user as the body's secretary").refuses(400, 403, 404, 409)
                    .example("{\"user\":\"tajemnice\"}"),
            op("POST /api/bodies/{id}/secretaries/{user}/remove", BODIES, 202, "Remove a secretary the body appointed").refuses(400, 403, 404, 409, 422),
            op("POST /api/bodies/{id}/dissolve", BODIES, 202, "Dissolve a body").refuses(400, 403, 404, 409)
                    .example("{\"reason\":\"Úkoly skupiny byly splněny\"}"),
            // meetings
            op("POST /api/meetings", MEETINGS, 201, "Schedule a meeting of a body").refuses(400, 403, 404, 422)
                    .example("{\"bodyId\":\"" + BODY_ID + "\",\"startsAt\":\"2026-03-10T09:00:00Z\",\"place\":\"KÚ Liberec, zasedačka 2\"}"),
            op("GET /api/meetings/{id}", MEETINGS, 200, "Read a meeting: agenda, attendance, resolutions, minutes").refuses(400, 403, 404),
            op("GET /api/meetings/{id}/history", MEETINGS, 200, "The recorded changes of a meeting").refuses(400, 403, 404),
            op("GET /api/meetings/{id}/carry-over-proposal", MEETINGS, 200,
                    "What the meeting would carry over from the body's previous meeting: unconcluded items and open measures").refuses(400, 403, 404),
            op("GET /api/meetings/{id}/updates", MEETINGS, 200, "The meeting now, then after every change (server-sent events)")
                    .refuses(400, 403, 404).produces("text/event-stream"),
            op("POST /api/meetings/{id}/reschedule", MEETINGS, 202, "Move a meeting to another time or place").refuses(400, 403, 404, 409)
                    .example("{\"startsAt\":\"2026-03-17T09:00:00Z\",\"place\":\"Magistrát Liberec\",\"reason\":\"Kolize s jednáním rady kraje\"}"),
            op("POST /api/meetings/{id}/cancel", MEETINGS, 202, "Cancel a meeting").refuses(400, 403, 404, 409)
                    .example("{\"reason\":\"Nebylo by usnášeníschopné\"}"),
            op("POST /api/meetings/{id}/agenda-items", MEETINGS, 201, "Add an agenda item, optionally with its presenter and issues").refuses(400, 403, 404, 409)
                    .example("{\"title\":\"Situace v ubytovnách\",\"presenter\":\"UPLB\",\"issues\":[\"" + ISSUE_ID + "\"]}"),
            op("POST /api/meetings/{id}/agenda-items/{itemId}/remove", MEETINGS, 202, "Remove an agenda item").refuses(400, 403, 404, 409, 422)
                    .example("{\"reason\":\"Přesunuto na příští jednání\"}"),
            op("POST /api/meetings/{id}/agenda-order", MEETINGS, 202, "Put the agenda in a new order (every item once)").refuses(400, 403, 404, 409, 422)
                    .example("{\"order\":[\"" + ITEM_ID + "\"]}"),
            op("POST /api/meetings/{id}/carry-over", MEETINGS, 202, "Carry the open measures of an earlier meeting over to this one")
                    .refuses(400, 403, 404, 409, 422).example("{\"fromMeetingId\":\"" + MEETING_ID + "\",\"openMeasures\":[\"" + MEASURE_ID + "\"]}"),
            op("POST /api/meetings/{id}/convene", MEETINGS, 202, "Open the meeting with its attendance sheet (without quorum it is recorded as inquorate and adopts nothing)")
                    .refuses(400, 403, 404, 409, 422)
                    .example("{\"attendance\":[{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Jana Nováková\"},"
                            + "{\"institution\":\"UPLB\",\"status\":\"SUBSTITUTE\",\"substitute\":\"Petr Dvořák\"}]}"),
            op("POST /api/meetings/{id}/agenda-items/{itemId}/discussion", MEETINGS, 202, "Record the discussion of an agenda item")
                    .refuses(400, 403, 404, 409, 422).example("{\"summary\":\"Úřad práce zmapoval 12 z 30 ubytoven.\",\"concluded\":true}"),
            op("POST /api/meetings/{id}/resolutions", MEETINGS, 201, "Adopt a resolution, optionally with the vote").refuses(400, 403, 404, 409, 422)
                    .example("{\"itemId\":\"" + ITEM_ID + "\",\"number\":\"1/2026\",\"text\":\"Skupina ukládá Úřadu práce zmapovat agenturní ubytovny.\","
                            + "\"votes\":{\"inFavour\":7,\"against\":0,\"abstained\":1}}"),
            op("POST /api/meetings/{id}/resolutions/{resolutionId}/measures", MEETINGS, 201, "Adopt a measure under a resolution")
                    .refuses(400, 403, 404, 409, 422)
                    .example("{\"title\":\"Zmapovat agenturní ubytovny\",\"owner\":\"UPLB\",\"dueDate\":\"2026-06-30\",\"addresses\":[\"" + ISSUE_ID + "\"],"
                            + "\"decisionBasis\":\"usnesení 1/2026\"}"),
            op("POST /api/meetings/{id}/minutes", MEETINGS, 202, "Record the minutes text").refuses(400, 403, 404, 409)
                    .example("{\"text\":\"Zápis z jednání pracovní skupiny. Přítomno 7 z 8 členů.\"}"),
            op("POST /api/meetings/{id}/close", MEETINGS, 202, "Close the meeting (its record is then corrected only by corrections)")
                    .refuses(400, 403, 404, 409).example("{\"closedAt\":\"2026-03-10T11:30:00Z\"}"),
            op("POST /api/meetings/{id}/corrections", MEETINGS, 202, "Correct the record of a closed meeting").refuses(400, 403, 404, 409)
                    .example("{\"what\":\"zápis, bod 2\",\"correction\":\"Správně: 12 z 30 ubytoven.\",\"reason\":\"Překlep v zápisu\"}"),
            // the approval of the minutes (docs/minutes.md): times from the server's clock, the period from souhra.minutes.verification-period
            op("POST /api/meetings/{id}/minutes/verification", MEETINGS, 202,
                    "Send the recorded minutes of a closed meeting to verifiers named among the institutions present (secretary)")
                    .refuses(400, 403, 404, 409, 422).example("{\"verifiers\":[\"KULK\",\"UPLB\"]}"),
            op("POST /api/meetings/{id}/minutes/confirm", MEETINGS, 202, "Confirm the current draft minutes (an account of a verifying institution)")
                    .refuses(400, 403, 404, 409).example("{\"version\":1}"),
            op("POST /api/meetings/{id}/minutes/objections", MEETINGS, 202, "Object to the current draft minutes (an account of a verifying institution)")
                    .refuses(400, 403, 404, 409).example("{\"version\":1,\"text\":\"Zmapováno bylo 13 ubytoven, ne 12.\"}"),
            op("POST /api/meetings/{id}/minutes/objections/{objection}/note", MEETINGS, 202,
                    "Note an objection with an answer and keep the draft as it is (secretary)").refuses(400, 403, 404, 409, 422)
                    .example("{\"note\":\"Počet vychází z podkladů úřadu práce.\"}"),
            op("POST /api/meetings/{id}/minutes/draft", MEETINGS, 202,
                    "Answer the open objections with a corrected draft; the verifiers answer it within a new period (secretary)")
                    .refuses(400, 403, 404, 409, 422).example("{\"text\":\"Zápis z jednání pracovní skupiny. Zmapováno 13 z 30 ubytoven.\",\"note\":\"Opraven počet\"}"),
            // attachments: multipart/form-data with one part "file"; the type is detected from the bytes
            op("GET /api/meetings/{id}/attachments", MEETINGS, 200, "List the attachments of a meeting and of its agenda items").refuses(400, 403, 404),
            op("POST /api/meetings/{id}/attachments", MEETINGS, 201, "Attach a document to a meeting (multipart part \"file\")")
                    .refuses(400, 403, 404, 413, 422).example("{\"file\":\"(the bytes of a PDF, DOCX, XLSX, ODT, PNG or JPEG file, at most 25 MB)\"}"),
            op("POST /api/meetings/{id}/agenda-items/{itemId}/attachments", MEETINGS, 201, "Attach a document to an agenda item (multipart part \"file\")")
                    .refuses(400, 403, 404, 413, 422).example("{\"file\":\"(the bytes of a PDF, DOCX, XLSX, ODT, PNG or JPEG file, at most 25 MB)\"}"),
            op("GET /api/attachments/{id}", DOCUMENTS, 200, "Read an attachment's record: name, detected type, size, SHA-256").refuses(400, 403, 404),
            op("GET /api/attachments/{id}/content", DOCUMENTS, 200, "Download an attachment, checked against its SHA-256 first (inline=true to view)")
                    .refuses(400, 403, 404, 409).produces("application/octet-stream"),
            op("POST /api/attachments/{id}/remove", DOCUMENTS, 202, "Remove an attachment (the fact and its hash stay; the bytes are purged)")
                    .refuses(400, 403, 404, 409).example("{\"reason\":\"Nahráno omylem\"}"),
            // issues
            op("GET /api/issues", ISSUES, 200, "List issues (filters; paged)").refuses(400),
            op("GET /api/issues/{id}", ISSUES, 200, "Read an issue with its agenda items and measures").refuses(400, 404),
            op("GET /api/issues/{id}/history", ISSUES, 200, "The recorded changes of an issue").refuses(400, 404),
            op("POST /api/issues", ISSUES, 201, "Raise an issue for the caller's institution").refuses(400, 403)
                    .example("{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Napětí u ubytovny v Doubí\","
                            + "\"locality\":\"Liberec-Doubí\",\"observedOn\":\"2026-02-27\"}"),
            op("POST /api/issues/{id}/recategorise", ISSUES, 202, "Change the category of an issue").refuses(400, 403, 404, 409)
                    .example("{\"category\":\"AGENCY_EMPLOYMENT\",\"reason\":\"Jde především o agenturní zaměstnávání\"}"),
            op("POST /api/issues/{id}/link", ISSUES, 202, "Link an issue to an agenda item").refuses(400, 403, 404, 409)
                    .example("{\"meetingId\":\"" + MEETING_ID + "\",\"itemId\":\"" + ITEM_ID + "\"}"),
            op("POST /api/issues/{id}/resolve", ISSUES, 202, "Mark an issue resolved").refuses(400, 403, 404, 409)
                    .example("{\"reason\":\"Ubytovna uzavřena\",\"resolvedOn\":\"2026-05-31\"}"),
            op("POST /api/issues/{id}/reopen", ISSUES, 202, "Reopen a resolved issue").refuses(400, 403, 404, 409)
                    .example("{\"reason\":\"Problém se vrátil\"}"),
            op("GET /api/issues/{id}/attachments", ISSUES, 200, "List the attachments of an issue").refuses(400, 404),
            op("POST /api/issues/{id}/attachments", ISSUES, 201, "Attach a document to an issue (multipart part \"file\")")
                    .refuses(400, 403, 404, 413, 422).example("{\"file\":\"(the bytes of a PDF, DOCX, XLSX, ODT, PNG or JPEG file, at most 25 MB)\"}"),
            // measures
            op("GET /api/measures", MEASURES, 200, "List measures the caller may see (filters; now or as of an instant; paged)").refuses(400),
            op("GET /api/search", SEARCH, 200, "Search issues, measures, agenda items, discussions, resolutions, minutes and the text of attachments "
                    + "the caller may read (words, \"phrases\", prefix*; filters by kind, body, region, category, status; now or as of an instant; "
                    + "snippets and facet counts; paged)").refuses(400),
            op("GET /api/measures/{id}", MEASURES, 200, "Read a measure's status (ETag: its version, for If-Match)").refuses(400, 403, 404),
            op("GET /api/measures/{id}/history", MEASURES, 200, "The recorded changes of a measure").refuses(400, 403, 404),
            op("GET /api/measures/{id}/lineage", MEASURES, 200, "The decisions a measure descends from and the measures that superseded it")
                    .refuses(400, 403, 404),
            op("GET /api/measures/{id}/updates", MEASURES, 200, "The measure now, then after every change (server-sent events)")
                    .refuses(400, 403, 404).produces("text/event-stream"),
            op("POST /api/measures/{id}/progress", MEASURES, 202, "Report progress (owner institution)").refuses(400, 403, 404, 409)
                    .example("{\"percent\":40,\"note\":\"Zmapováno 12 z 30 ubytoven\",\"effectiveOn\":\"2026-04-15\"}"),
            op("POST /api/measures/{id}/complete", MEASURES, 202, "Report a measure completed (owner institution)").refuses(400, 403, 404, 409)
                    .example("{\"note\":\"Mapa ubytoven předána kraji\",\"effectiveOn\":\"2026-06-20\"}"),
            op("POST /api/measures/{id}/extend", MEASURES, 202, "Extend the deadline by a later resolution").refuses(400, 403, 404, 409, 422)
                    .example("{\"meetingId\":\"" + MEETING_ID + "\",\"resolutionId\":\"" + RESOLUTION_ID + "\",\"dueDate\":\"2026-09-30\","
                            + "\"reason\":\"Čeká se na data cizinecké policie\"}"),
            op("POST /api/measures/{id}/reassign", MEASURES, 202, "Give the measure to another owner by a later resolution")
                    .refuses(400, 403, 404, 409, 422)
                    .example("{\"meetingId\":\"" + MEETING_ID + "\",\"resolutionId\":\"" + RESOLUTION_ID + "\",\"owner\":\"KULK\",\"reason\":\"Převzato krajem\"}"),
            op("POST /api/measures/{id}/verify", MEASURES, 202, "Verify a completed measure by a resolution").refuses(400, 403, 404, 409, 422)
                    .example("{\"meetingId\":\"" + MEETING_ID + "\",\"resolutionId\":\"" + RESOLUTION_ID + "\",\"note\":\"Splněno\"}"),
            op("POST /api/measures/{id}/cancel", MEASURES, 202, "Cancel a measure by a resolution").refuses(400, 403, 404, 409, 422)
                    .example("{\"meetingId\":\"" + MEETING_ID + "\",\"resolutionId\":\"" + RESOLUTION_ID + "\",\"reason\":\"Pozbylo smyslu\"}"),
            op("POST /api/measures/{id}/supersede", MEASURES, 202, "Replace a measure by another one").refuses(400, 403, 404, 409, 422)
                    .example("{\"meetingId\":\"" + MEETING_ID + "\",\"resolutionId\":\"" + RESOLUTION_ID + "\",\"supersededBy\":\"" + MEASURE_ID + "\","
                            + "\"reason\":\"Nahrazeno širším opatřením\"}"),
            op("GET /api/measures/{id}/attachments", MEASURES, 200, "List the attachments of a measure").refuses(400, 403, 404),
            op("POST /api/measures/{id}/attachments", MEASURES, 201, "Attach a document to a measure (multipart part \"file\")")
                    .refuses(400, 403, 404, 413, 422).example("{\"file\":\"(the bytes of a PDF, DOCX, XLSX, ODT, PNG or JPEG file, at most 25 MB)\"}"),
            op("GET /api/dashboard", MEASURES, 200, "The caller's dashboard: own measures, overdue ones, next meetings").refuses(400),
            op("GET /api/dashboard/updates", MEASURES, 200, "The dashboard now, then after measure changes (server-sent events)")
                    .produces("text/event-stream"),
            // audit
            op("GET /api/history", AUDIT, 200, "The region's change history (auditors and administrators)").refuses(400, 403),
            op("GET /api/audit/verify", AUDIT, 200, "Verify the ledger against the event store (JSON report, or progress as server-sent events)")
                    .refuses(403),
            op("GET /api/audit/events", AUDIT, 200, "The audit log in ledger order (filters; paged)").refuses(400, 403),
            op("GET /api/audit/export.jsonl", AUDIT, 200, "Export the ledger as JSON lines, verifiable offline").refuses(403)
                    .produces("application/x-ndjson"),
            op("GET /api/audit/export-attachments.zip", AUDIT, 200, "The attachments' bytes as attachments/<id> entries, to unpack next to the export")
                    .refuses(403).produces("application/zip"),
            // documents
            op("GET /api/meetings/{id}/minutes.pdf", DOCUMENTS, 200, "The minutes as PDF/A-3a with the ledger checkpoint").refuses(400, 403, 404)
                    .produces("application/pdf"),
            op("GET /api/bodies/{id}/calendar.ics", DOCUMENTS, 200, "The body's meetings as an iCalendar feed").refuses(400, 403)
                    .produces("text/calendar"),
            op("GET /api/institutions/{id}/calendar.ics", DOCUMENTS, 200, "The institution's meetings and measure deadlines as an iCalendar feed")
                    .refuses(400, 403).produces("text/calendar"),
            op("GET /api/exports/issues.csv", DOCUMENTS, 200, "The issue register as CSV for Excel (UTF-8 with BOM, semicolons)").produces("text/csv"),
            op("GET /api/exports/measures.csv", DOCUMENTS, 200, "The measures the caller may see as CSV for Excel").produces("text/csv"),
            // open data
            op("GET /api/oparl/v1/system", OPEN_DATA, 200, "OParl system object"),
            op("GET /api/oparl/v1/body", OPEN_DATA, 200, "OParl list of bodies"),
            op("GET /api/oparl/v1/body/{id}", OPEN_DATA, 200, "OParl body").refuses(400, 403, 404),
            op("GET /api/oparl/v1/body/{id}/meeting", OPEN_DATA, 200, "OParl meetings of a body").refuses(400, 403, 404),
            op("GET /api/oparl/v1/body/{id}/organization", OPEN_DATA, 200, "OParl organizations (member institutions) of a body").refuses(400, 403, 404),
            op("GET /api/oparl/v1/organization/{id}", OPEN_DATA, 200, "OParl organization: a body or a member institution").refuses(403, 404),
            op("GET /api/oparl/v1/membership/{bodyId}/{institution}", OPEN_DATA, 200, "OParl membership of an institution in a body").refuses(400, 403, 404),
            op("GET /api/oparl/v1/meeting/{id}", OPEN_DATA, 200, "OParl meeting").refuses(400, 403, 404),
            // users
            op("GET /api/me", USERS, 200, "Who the caller is: user, institution, roles, bodies as secretary"),
            op("POST /api/me/password", USERS, 202, "Change the caller's own password").refuses(400, 403)
                    .example("{\"currentPassword\":\"stare-Heslo-123\",\"newPassword\":\"nove-Heslo-456-dlouhe\"}"),
            op("GET /api/admin/users", USERS, 200, "List user accounts").refuses(403),
            op("GET /api/admin/users/{user}", USERS, 200, "Read a user account").refuses(403, 404),
            op("POST /api/admin/users", USERS, 201, "Create a user account").refuses(400, 403, 409)
                    .example("{\"user\":\"uprace\",\"password\":\"heslo-uradu-prace-1\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"],"
                            + "\"displayName\":\"Jana Nováková\",\"email\":\"novakova@uprace.example\"}"),
            op("POST /api/admin/users/{user}/roles", USERS, 202, "Grant a role (SECRETARY with the body)").refuses(400, 403, 404)
                    .example("{\"role\":\"SECRETARY\",\"bodyId\":\"" + BODY_ID + "\"}"),
            op("DELETE /api/admin/users/{user}/roles/{role}", USERS, 202, "Revoke a role").refuses(403, 404),
            op("POST /api/admin/users/{user}/password", USERS, 202, "Set a user's password").refuses(400, 403, 404)
                    .example("{\"password\":\"javorovy-list-na-lavicce-4\"}"),
            op("POST /api/admin/users/{user}/disable", USERS, 202, "Disable a user account").refuses(400, 403, 404)
                    .example("{\"reason\":\"Odchod z úřadu\"}"),
            op("POST /api/admin/users/{user}/enable", USERS, 202, "Enable a disabled user account again, with its roles").refuses(400, 403, 404, 409)
                    .example("{\"reason\":\"Návrat do úřadu\"}"),
            op("POST /api/admin/users/{user}/password-reset", USERS, 200,
                    "Reset a password: the answer holds a one-time password, shown only this once; its owner must choose a new one "
                            + "(PASSWORD_CHANGE_REQUIRED until then)").refuses(403, 404),
            op("POST /api/admin/users/{user}/unlock", USERS, 200, "Clear the login throttle of a user name at every address").refuses(403),
            // admin
            op("POST /api/admin/rebuild", ADMIN, 200, "Rebuild read models from the events, with progress (server-sent events)").refuses(403)
                    .produces("text/event-stream"),
            op("POST /api/admin/read-models/verify", ADMIN, 200, "Rebuild into a shadow and compare with the live read models (server-sent events)")
                    .refuses(403).produces("text/event-stream"),
            op("GET /api/admin/read-models/digest", ADMIN, 200, "Digest of the live read models").refuses(403),
            op("POST /api/admin/determinism", ADMIN, 200, "Replay every aggregate twice and compare (determinism check)").refuses(403),
            op("GET /api/admin/processors", ADMIN, 200, "Event processors, their segments and whether they are caught up").refuses(403),
            op("POST /api/admin/processors/{name}/segments/{segment}/release", ADMIN, 202, "Release a processor segment so another node claims it")
                    .refuses(400, 403, 404).returnsView());

    static final Map<String, Op> BY_KEY;

    static {
        Map<String, Op> byKey = new LinkedHashMap<>();
        for (Op o : OPERATIONS) {
            if (byKey.put(o.key(), o) != null) {
                throw new IllegalStateException("Operation listed twice: " + o.key());
            }
        }
        BY_KEY = java.util.Collections.unmodifiableMap(byKey);
    }

    private ApiContract() {}

    static List<Op> operations() {
        return OPERATIONS;
    }
}
