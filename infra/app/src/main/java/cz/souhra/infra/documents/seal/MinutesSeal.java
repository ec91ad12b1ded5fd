package cz.souhra.infra.documents.seal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cz.souhra.infra.web.Refusal;

/**
 * Seals the minutes that are the record, where they are served. With no seal configured the bytes pass through
 * unchanged (a start-up warning says so); a configured seal either returns the whole sealed file or refuses with
 * 503 {@code MINUTES_SEAL_UNAVAILABLE}: an unsealed file is never handed out in its place.
 */
@Component
@EnableConfigurationProperties(SealProperties.class)
public class MinutesSeal {

    private static final Logger log = LoggerFactory.getLogger(MinutesSeal.class);
    /** How long a client is asked to wait after the authority failed: its outages are counted in minutes. */
    static final String RETRY_AFTER_SECONDS = "60";
    static final String REASON = "Zápis z jednání – elektronická pečeť původce";

    private final PdfSeal seal;

    public MinutesSeal(SealProperties properties) {
        if (properties.configured()) {
            this.seal = PdfSeal.open(properties);
            log.info("Minutes are sealed at {} with {}, timestamps from {}", seal.level(), seal.subject(), properties.tsaUrl());
        } else {
            this.seal = null;
            log.warn("Minutes are served UNSEALED: set souhra.minutes.seal.keystore, .keystore-password and .tsa-url (docs/minutes.md, Sealing)");
        }
    }

    /** Whether the minutes leave sealed. */
    public boolean active() {
        return seal != null;
    }

    /**
     * The minutes as served: sealed when a seal is configured, else as given.
     *
     * @throws Refusal 503 {@code MINUTES_SEAL_UNAVAILABLE} naming the authority when it gave no timestamp
     */
    public byte[] apply(byte[] pdf) {
        if (seal == null) {
            return pdf;
        }
        try {
            return seal.seal(pdf, REASON);
        } catch (RuntimeException e) {
            PdfSeal.TimestampUnavailable tsa = cause(e);
            if (tsa == null) {
                throw e;
            }
            log.warn("Minutes not sealed: {}", tsa.getMessage());
            throw unavailable(tsa.host());
        }
    }

    private static PdfSeal.TimestampUnavailable cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PdfSeal.TimestampUnavailable u) {
                return u;
            }
        }
        return null;
    }

    /** The refusal, with Retry-After so scripts wait before asking again. */
    private static Refusal unavailable(String host) {
        return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "MINUTES_SEAL_UNAVAILABLE", host) {
            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
                return headers;
            }
        };
    }
}
