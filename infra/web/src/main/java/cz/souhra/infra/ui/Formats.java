package cz.souhra.infra.ui;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Dates, times and numbers in the user's language, times in the platforms' zone. */
public final class Formats {

    static final ZoneId ZONE = cz.souhra.shared.model.CzechTime.ZONE;

    private final Locale locale;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;

    Formats(Locale locale) {
        this.locale = locale;
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(ZONE);
    }

    public String date(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate d) {
            return date.format(d);
        }
        if (value instanceof Instant i) {
            return date.format(i.atZone(ZONE));
        }
        String text = value.toString();
        try {
            return date.format(LocalDate.parse(text));
        } catch (DateTimeParseException notADate) {
            return dateTime(text);
        }
    }

    public String dateTime(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant i) {
            return dateTime.format(i);
        }
        try {
            return dateTime.format(Instant.parse(value.toString()));
        } catch (DateTimeParseException notAnInstant) {
            return value.toString();
        }
    }

    /** The Prague day of an ISO instant, as d. M. yyyy: short labels in pickers. */
    static String dayOf(String instant) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("d. M. yyyy").format(Instant.parse(instant).atZone(ZONE));
        } catch (RuntimeException notAnInstant) {
            return instant == null ? "" : instant;
        }
    }

    /** An instant as the value of a {@code datetime-local} input, in Prague time (what the forms read back). */
    public String localInput(Object value) {
        if (value == null) {
            return "";
        }
        try {
            Instant i = value instanceof Instant v ? v : Instant.parse(value.toString());
            return java.time.LocalDateTime.ofInstant(i, ZONE).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        } catch (DateTimeParseException notAnInstant) {
            return "";
        }
    }

    public String number(Number value) {
        return value == null ? "" : NumberFormat.getIntegerInstance(locale).format(value);
    }

    public String percent(Number value) {
        return value == null ? "" : NumberFormat.getPercentInstance(locale).format(value.doubleValue() / 100.0);
    }

    public String lang() {
        return locale.getLanguage();
    }
}
