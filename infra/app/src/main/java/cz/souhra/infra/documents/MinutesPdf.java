package cz.souhra.infra.documents;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bson.Document;
import org.springframework.stereotype.Component;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;

/**
 * The minutes (zápis) of a meeting as PDF/A-3a, rendered from the meeting's read model: body, date,
 * place, attendance with substitutes, quorum, agenda with discussion, resolutions with votes, measures
 * with owners and due dates, carried-over items and the ledger checkpoint that ties the paper to the
 * record, and the meeting's attachments with their hashes, embedded as associated files. DejaVu Sans is
 * embedded because the PDF base fonts have no ě, ř, č or ů.
 */
@Component
class MinutesPdf {

    private static final ZoneId PRAGUE = cz.souhra.shared.model.CzechTime.ZONE;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d. M. yyyy HH:mm", Locale.forLanguageTag("cs"));
    private static final String FONT = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";
    private static final String FONT_BOLD = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans-Bold.ttf";

    /** An attachment of the meeting (or of one of its agenda items), its bytes already checked against its hash. */
    record Attached(String name, String mediaType, long size, String sha256, Instant addedAt, byte[] bytes) {}

    byte[] render(Document meeting, Document body, Map<String, String> institutions) {
        return render(meeting, body, institutions, List.of());
    }

    /**
     * The minutes with the meeting's attachments listed (name, type, size, SHA-256) and embedded as PDF/A-3
     * associated files (the document catalogue's {@code /AF}, relationship {@code Supplement}), so one file
     * carries the whole meeting.
     */
    byte[] render(Document meeting, Document body, Map<String, String> institutions, List<Attached> attachments) {
        byte[] pdf = renderHtml(meeting, body, institutions, attachments);
        return attachments.isEmpty() ? pdf : MinutesAttachments.embed(pdf, attachments);
    }

    private byte[] renderHtml(Document meeting, Document body, Map<String, String> institutions, List<Attached> attachments) {
        String html = html(meeting, body, institutions, attachments);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> MinutesPdf.class.getResourceAsStream(FONT), "DejaVu Sans", 400, com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> MinutesPdf.class.getResourceAsStream(FONT_BOLD), "DejaVu Sans", 700, com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.usePdfAConformance(PdfAConformance.PDFA_3_A);
            builder.useColorProfile(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
            builder.usePdfUaAccessibility(true);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot render minutes", e);
        }
    }

    private static boolean inquorate(Document m) {
        return m.get("present") instanceof Number p && m.get("quorumRequired") instanceof Number r && p.intValue() < r.intValue();
    }

    String html(Document m, Document body, Map<String, String> institutions) {
        return html(m, body, institutions, List.of());
    }

    String html(Document m, Document body, Map<String, String> institutions, List<Attached> attachments) {
        StringBuilder h = new StringBuilder();
        String bodyName = body == null ? String.valueOf(m.get("bodyId")) : body.getString("name");
        boolean draft = !(m.get("minutesApproval") instanceof Map<?, ?> ma && "FINAL".equals(ma.get("status")));
        h.append("<!DOCTYPE html><html lang=\"cs\"><head><meta charset=\"UTF-8\"/><title>").append(draft ? "Návrh zápisu – " : "Zápis – ")
                .append(esc(bodyName)).append("</title>")
                .append("<style>*{font-family:'DejaVu Sans';} body{font-size:10pt;} h1{font-size:15pt;} h2{font-size:12pt;margin-top:14pt;}")
                .append("table{border-collapse:collapse;width:100%;} td,th{border:1px solid #444;padding:3pt;text-align:left;vertical-align:top;}")
                .append(".small{font-size:8pt;}</style></head><body>");
        h.append("<h1>Zápis z jednání: ").append(esc(bodyName)).append("</h1>");
        Map<String, Object> approval = m.get("minutesApproval") instanceof Map<?, ?> a ? cast(a) : null;
        boolean isFinal = approval != null && "FINAL".equals(approval.get("status"));
        if (isFinal) {
            h.append("<p><strong>Ověřený zápis</strong> – konečné znění ověřeno ").append(esc(when(String.valueOf(approval.get("approvedAt")))))
                    .append(" (návrh č. ").append(approval.get("version")).append(").</p>");
        } else if (m.get("minutes") != null) {
            // a draft must never pass for the minutes: the mark is in the title line and in the document title
            h.append("<p><strong>NÁVRH ZÁPISU – dosud neověřeno</strong>")
                    .append(approval == null ? " (zápis nebyl předán ověřovatelům)" : " (návrh č. " + approval.get("version") + " u ověřovatelů do "
                            + esc(when(String.valueOf(approval.get("deadline")))) + ")")
                    .append("</p>");
        }
        // The meeting's time is its scheduled (or rescheduled) start, as on the meeting page, the calendar and OParl;
        // the convening instant may be when the secretary recorded it.
        h.append("<p>Datum a čas: ").append(esc(when(m.getString("startsAt"))))
                .append("<br/>Místo: ").append(esc(m.getString("place")))
                .append("<br/>Stav: ").append(esc(status(m.getString("status"))))
                .append(inquorate(m) ? "<br/><strong>Jednání neusnášeníschopné</strong>" : "").append("</p>");

        h.append("<h2>Prezence</h2><table><tr><th>Instituce</th><th>Účast</th><th>Kdo se účastnil</th></tr>");
        for (Map<String, Object> a : list(m, "attendance")) {
            String inst = String.valueOf(a.get("institution"));
            h.append("<tr><td>").append(esc(institutions.getOrDefault(inst, inst))).append(" (").append(esc(inst)).append(")</td><td>")
                    .append(esc(attendance(String.valueOf(a.get("status"))))).append("</td><td>")
                    .append(esc(attendee(a)))
                    .append("</td></tr>");
        }
        h.append("</table>");
        if (m.get("present") != null) {
            h.append("<p>Usnášeníschopnost: přítomno ").append(m.get("present")).append(" z ").append(m.get("memberCount"))
                    .append(" členů, potřeba alespoň ").append(m.get("quorumRequired"))
                    .append(inquorate(m) ? " – jednání nebylo usnášeníschopné (neusnášeníschopné jednání: zaznamenána prezence, projednání a zápis, bez usnesení).</p>"
                            : " – jednání bylo usnášeníschopné.</p>");
        }

        h.append("<h2>Program a projednání</h2><ol>");
        for (Map<String, Object> item : list(m, "agenda")) {
            h.append("<li><strong>").append(esc(String.valueOf(item.get("title")))).append("</strong>");
            if (item.get("presenter") != null) {
                String p = String.valueOf(item.get("presenter"));
                h.append(" (předkládá ").append(esc(institutions.getOrDefault(p, p))).append(")");
            }
            if (item.get("carriedFrom") != null) {
                h.append(" <em>– přeneseno z předchozího jednání</em>");
            }
            if (item.get("discussion") != null) {
                h.append("<br/>").append(esc(String.valueOf(item.get("discussion"))));
            }
            if (item.get("carriedTo") != null) {
                h.append("<br/><em>Nedokončeno, přeneseno na další jednání.</em>");
            }
            h.append("</li>");
        }
        h.append("</ol>");

        h.append("<h2>Usnesení</h2>");
        for (Map<String, Object> r : list(m, "resolutions")) {
            h.append("<p><strong>Usnesení ").append(esc(String.valueOf(r.getOrDefault("number", "")))).append("</strong>: ")
                    .append(esc(String.valueOf(r.get("text"))));
            if (r.get("votes") instanceof Map<?, ?> v) {
                h.append(" <span class=\"small\">(pro ").append(v.get("inFavour")).append(", proti ").append(v.get("against"))
                        .append(", zdrželo se ").append(v.get("abstained")).append(")</span>");
            }
            h.append("</p>");
        }

        h.append("<h2>Přijatá opatření</h2><table><tr><th>Opatření</th><th>Gestor</th><th>Termín</th></tr>");
        for (Map<String, Object> x : list(m, "measures")) {
            String owner = String.valueOf(x.get("owner"));
            h.append("<tr><td>").append(esc(String.valueOf(x.get("title")))).append("</td><td>").append(esc(institutions.getOrDefault(owner, owner)))
                    .append("</td><td>").append(esc(czDate(String.valueOf(x.get("dueDate"))))).append("</td></tr>");
        }
        h.append("</table>");
        if (!list(m, "carriedMeasures").isEmpty()) {
            h.append("<p>Ke kontrole přenesena otevřená opatření z předchozího jednání: ").append(list(m, "carriedMeasures").size()).append(".</p>");
        }
        if (approval != null) {
            h.append("<h2>").append(isFinal ? "Zápis" : "Zápis (návrh č. " + approval.get("version") + ")").append("</h2>")
                    .append(paragraphs(String.valueOf(approval.get("text"))));
        } else if (m.get("minutes") != null) {
            h.append("<h2>Zápis (návrh)</h2>").append(paragraphs(m.getString("minutes")));
        }
        if (approval != null) {
            verification(h, approval, isFinal, institutions);
        }
        for (Map<String, Object> c : list(m, "corrections")) {
            h.append("<p class=\"small\">Oprava (").append(esc(String.valueOf(c.get("what")))).append("): ").append(esc(String.valueOf(c.get("correction"))))
                    .append(" – důvod: ").append(esc(String.valueOf(c.get("reason")))).append("</p>");
        }
        if (!attachments.isEmpty()) {
            h.append("<h2>Přílohy</h2><p class=\"small\">Přílohy jsou vloženy do tohoto souboru PDF; jejich otisky SHA-256 jsou zapsány v knize záznamů.</p>")
                    .append("<table><tr><th>Příloha</th><th>Typ a velikost</th><th>Otisk SHA-256</th></tr>");
            for (Attached a : attachments) {
                h.append("<tr><td>").append(esc(a.name())).append("</td><td>").append(esc(a.mediaType())).append(", ")
                        .append(a.size()).append(" B</td><td class=\"small\">").append(esc(a.sha256())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>Kontrolní otisk záznamu</h2>");
        if (m.get("checkpoint") instanceof Map<?, ?> cp) {
            // REGION:POSITION:DIGEST is what --verify-export and tools/verify_ledger_export.py take as --checkpoint:
            // the digest is then compared with the chain of that region at exactly that position (docs/ledger.md).
            String checkpoint = m.get("region") + ":" + cp.get("position") + ":" + cp.get("digest");
            h.append("<p class=\"small\">Pozice v knize záznamů (").append(esc(String.valueOf(m.get("region")))).append("): ").append(cp.get("position"))
                    .append("<br/>Otisk SHA-256: ").append(esc(String.valueOf(cp.get("digest"))))
                    .append("<br/>Kontrolní bod (kraj:pozice:otisk): ").append(esc(checkpoint))
                    .append("<br/>Ověření: stáhněte export /api/audit/export.jsonl a spusťte:</p><p class=\"small\">java -jar souhra.jar --verify-export=export.jsonl --checkpoint=")
                    .append(esc(checkpoint)).append("</p>");
        } else {
            h.append("<p class=\"small\">Jednání dosud nebylo uzavřeno; kontrolní otisk bude doplněn při uzavření.</p>");
        }
        h.append("</body></html>");
        return h.toString();
    }

    /**
     * Who verifies the minutes and how they answered: each verifier with the person who attended for the
     * institution and the time of the confirmation of the final draft; every objection with its answer; once
     * final, when and on which basis.
     */
    private static void verification(StringBuilder h, Map<String, Object> approval, boolean isFinal, Map<String, String> institutions) {
        int version = ((Number) approval.get("version")).intValue();
        h.append("<h2>Ověření zápisu</h2><table><tr><th>Ověřovatel</th><th>Instituce</th><th>").append(isFinal ? "Ověřil" : "Stav").append("</th></tr>");
        for (Map<String, Object> v : list(approval, "verifiers")) {
            String inst = String.valueOf(v.get("institution"));
            Map<String, Object> confirmation = list(approval, "confirmations").stream()
                    .filter(c -> inst.equals(c.get("institution")) && ((Number) c.get("version")).intValue() == version).reduce((a, b) -> b).orElse(null);
            String state = confirmation != null ? "potvrdil " + when(String.valueOf(confirmation.get("at")))
                    : "OBJECTED".equals(v.get("state")) ? "vznesl námitku"
                    : isFinal ? "nevyjádřil se ve lhůtě" : "dosud se nevyjádřil";
            h.append("<tr><td>").append(esc(text(v.get("name")) == null ? "" : text(v.get("name")))).append("</td><td>")
                    .append(esc(institutions.getOrDefault(inst, inst))).append("</td><td>").append(esc(state)).append("</td></tr>");
        }
        h.append("</table>");
        if (isFinal) {
            h.append("<p>").append("ALL_CONFIRMED".equals(approval.get("basis")) ? "Zápis ověřili všichni ověřovatelé; konečným se stal "
                    : "Lhůta k ověření uplynula bez otevřených námitek; zápis se stal konečným ").append(esc(when(String.valueOf(approval.get("approvedAt")))))
                    .append(".</p>");
        } else {
            h.append("<p>Lhůta k ověření končí ").append(esc(when(String.valueOf(approval.get("deadline"))))).append(".</p>");
        }
        List<Map<String, Object>> objections = list(approval, "objections");
        if (!objections.isEmpty()) {
            h.append("<h2>Námitky ověřovatelů</h2>");
            for (Map<String, Object> o : objections) {
                String inst = String.valueOf(o.get("institution"));
                h.append("<p class=\"small\"><strong>Námitka č. ").append(o.get("number")).append("</strong> k návrhu č. ").append(o.get("version"))
                        .append(" (").append(esc(institutions.getOrDefault(inst, inst))).append(", ").append(esc(when(String.valueOf(o.get("at")))))
                        .append("): ").append(esc(String.valueOf(o.get("text")))).append("<br/>");
                switch (String.valueOf(o.get("state"))) {
                    case "CORRECTED" -> h.append("Vyřízeno opravou: návrh č. ").append(o.get("answeredVersion"))
                            .append(o.get("note") == null ? "" : " – " + esc(String.valueOf(o.get("note"))));
                    case "NOTED" -> h.append("Vzato na vědomí beze změny zápisu: ").append(esc(String.valueOf(o.get("note"))));
                    default -> h.append("Dosud nevyřízeno.");
                }
                h.append("</p>");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** Text as typed: a blank line starts a paragraph, a single line break stays a line break. */
    static String paragraphs(String text) {
        StringBuilder out = new StringBuilder();
        for (String para : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            if (!para.isBlank()) {
                out.append("<p>").append(esc(para.strip()).replace("\n", "<br/>")).append("</p>");
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> d, String key) {
        Object v = d.get(key);
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String when(String iso) {
        return iso == null ? "" : DATE_TIME.format(Instant.parse(iso).atZone(PRAGUE));
    }

    private static String czDate(String iso) {
        try {
            java.time.LocalDate d = java.time.LocalDate.parse(iso);
            return d.getDayOfMonth() + ". " + d.getMonthValue() + ". " + d.getYear();
        } catch (RuntimeException e) {
            return iso;
        }
    }

    private static String status(String s) {
        return switch (String.valueOf(s)) {
            case "CLOSED" -> "uzavřeno";
            case "CONVENED" -> "probíhá";
            case "CANCELLED" -> "zrušeno";
            default -> "naplánováno";
        };
    }

    /**
     * Who attended for the institution, in the glossary's words: the delegate, or "náhradník: Ing. Karel Říha,
     * delegát: Mgr. Jana Nová" for a substitute and the delegate they stood in for (names stay in the nominative);
     * for an excused or absent member the delegate it would have sent.
     */
    static String attendee(Map<String, Object> a) {
        String delegate = text(a.get("delegate"));
        String substitute = text(a.get("substitute"));
        if ("SUBSTITUTE".equals(String.valueOf(a.get("status"))) || substitute != null) {
            String who = substitute == null ? "náhradník neuveden" : "náhradník: " + substitute;
            return delegate == null ? who : who + ", delegát: " + delegate;
        }
        return delegate == null ? "" : delegate;
    }

    private static String text(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString();
    }

    private static String attendance(String s) {
        return switch (s) {
            case "DELEGATE" -> "přítomen";
            case "SUBSTITUTE" -> "zastoupen";
            case "EXCUSED" -> "omluven";
            default -> "nepřítomen";
        };
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
