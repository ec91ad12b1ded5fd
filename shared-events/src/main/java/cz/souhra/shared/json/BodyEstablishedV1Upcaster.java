package cz.souhra.shared.json;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cz.souhra.shared.events.body.BodyEstablishedEvent;

/**
 * Bodies established before the cadence was structured stated it as free text. Revision 1 of
 * {@link BodyEstablishedEvent} is read as revision 2 with {@code meetingsPerYear} taken from the text when it
 * is a recognisable phrase ("čtvrtletně", "2× ročně", "3x ročně", "měsíčně", "quarterly", "2-3 per year": the
 * lower figure of a range, so that "overdue" is never claimed too early), else {@code null} ("not stated":
 * "každý úplněk" is not a cadence). The stored event is never rewritten; only its reading changes.
 */
public class BodyEstablishedV1Upcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType V1 = new SimpleSerializedType(BodyEstablishedEvent.class.getName(), "1");
    private static final String V2 = "2";

    /** "2× ročně", "3x ročně", "2 x za rok", "2-3× ročně", "4 per year", "6 times a year". */
    private static final Pattern TIMES = Pattern.compile(
            "^(\\d{1,2})\\s*(?:[-–]\\s*\\d{1,2})?\\s*(?:[x×]|krat|times)?\\s*(?:rocne|za rok|do roka|per year|a year|yearly|annually)$");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return V1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(V1.getName(), V2), JsonNode.class, json -> {
            if (json instanceof ObjectNode o) {
                JsonNode text = o.remove("cadence");
                Integer perYear = meetingsPerYear(text == null || text.isNull() ? null : text.asText());
                // before quorum, where revision 2 has it, so the upcast JSON reads like one written as revision 2
                JsonNode quorum = o.remove("quorum");
                if (perYear == null) {
                    o.putNull("meetingsPerYear");
                } else {
                    o.put("meetingsPerYear", perYear);
                }
                if (quorum != null) {
                    o.set("quorum", quorum);
                }
            }
            return json;
        });
    }

    /** Meetings per year a free-text cadence states, or null when it states none this can recognise. */
    static Integer meetingsPerYear(String cadence) {
        if (cadence == null || cadence.isBlank()) {
            return null;
        }
        String t = Normalizer.normalize(cadence.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("\\s+", " ");
        Integer named = switch (t) {
            case "mesicne", "kazdy mesic", "1x mesicne", "1× mesicne", "monthly" -> 12;
            case "ctvrtletne", "kazde ctvrtleti", "quarterly" -> 4;
            case "pololetne", "kazde pololeti", "dvakrat rocne", "half-yearly", "semi-annually", "twice a year" -> 2;
            case "rocne", "jednou rocne", "jednou za rok", "kazdy rok", "yearly", "annually", "once a year" -> 1;
            case "trikrat rocne", "three times a year" -> 3;
            case "ctyrikrat rocne", "four times a year" -> 4;
            default -> null;
        };
        if (named != null) {
            return named;
        }
        Matcher m = TIMES.matcher(t);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            return n >= 1 && n <= 52 ? n : null;
        }
        return null;
    }
}
