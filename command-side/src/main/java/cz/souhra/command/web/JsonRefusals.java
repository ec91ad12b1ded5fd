package cz.souhra.command.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.DomainException.Kind;

/**
 * A request body the strict reader ({@link StrictJson}) refused, as a 400 that names the field
 * ({@code votes.inFavour}, {@code attendance[0].status}) and what it expected, instead of "cannot be read".
 */
final class JsonRefusals {

    private static final java.util.regex.Pattern COERCED_VALUE = java.util.regex.Pattern.compile("value \\(\"(.*?)\"\\)");

    private JsonRefusals() {}

    /** The refusal for {@code e}, or null for a body that is not JSON at all (answered as MALFORMED). */
    static DomainException of(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException parse && parse.getOriginalMessage() != null
                    && parse.getOriginalMessage().startsWith("Duplicate field")) {
                return DomainException.field(Kind.INVALID, "JSON_DUPLICATE_KEY", duplicateField(parse));
            }
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return null;
        }
        String field = path(mapping);
        if (field.isEmpty()) {
            return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")
                    ? DomainException.field(Kind.INVALID, "JSON_TRAILING", "body") : null;
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        // a refused coercion (text where a number belongs) carries no value: the parser's current token is the text sent
        String value = e instanceof InvalidFormatException f && f.getValue() != null ? String.valueOf(f.getValue()) : token(e);
        if (target == null) {
            return DomainException.field(Kind.INVALID, "JSON_EXPECTED_OTHER", field, value);
        }
        if (target == LocalDate.class) {
            return DomainException.field(Kind.INVALID, "JSON_EXPECTED_DATE", field, value);
        }
        if (target == Instant.class) {
            return DomainException.field(Kind.INVALID, "JSON_EXPECTED_INSTANT", field, value);
        }
        if (target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
            return DomainException.field(Kind.INVALID, "JSON_EXPECTED_ENUM", field, value, allowed);
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
            return DomainException.field(Kind.INVALID, "JSON_EXPECTED_INTEGER", field, value);
        }
        if (target == boolean.class || target == Boolean.class) {
            return DomainException.field(Kind.INVALID, "JSON_EXPECTED_BOOLEAN", field, value);
        }
        if (target == String.class) {
            return DomainException.field(Kind.INVALID, "JSON_EXPECTED_TEXT", field, value);
        }
        return DomainException.field(Kind.INVALID, "JSON_EXPECTED_OTHER", field, value);
    }

    /** {@code votes.inFavour}, {@code attendance[2].status}. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String duplicateField(JsonParseException e) {
        JsonParser p = e.getProcessor();
        if (p != null) {
            java.util.Deque<String> parts = new java.util.ArrayDeque<>();
            for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                parts.push(c.inObject() ? "." + c.getCurrentName() : "[" + c.getCurrentIndex() + "]");
            }
            String path = String.join("", parts);
            if (!path.isEmpty()) {
                return path.startsWith(".") ? path.substring(1) : path;
            }
        }
        String m = e.getOriginalMessage();
        int a = m.indexOf('\'');
        int b = m.lastIndexOf('\'');
        return a >= 0 && b > a ? m.substring(a + 1, b) : "body";
    }

    private static String token(JsonProcessingException e) {
        if (e instanceof MismatchedInputException m && m.getProcessor() instanceof JsonParser p) {
            try {
                String text = p.getText();
                if (text == null) {
                    // a refused coercion leaves the parser past the value; Jackson's message quotes it: value ("abc")
                    java.util.regex.Matcher quoted = COERCED_VALUE.matcher(String.valueOf(e.getOriginalMessage()));
                    text = quoted.find() ? quoted.group(1) : "null";
                }
                return text.length() > 40 ? text.substring(0, 40) + "…" : text;
            } catch (java.io.IOException | RuntimeException ignored) {
                return "?";
            }
        }
        return "?";
    }
}
