package cz.souhra.infra.documents.seal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The seal of the minutes. Nothing set: the minutes are served unsealed. A keystore without a password, a
 * time-stamping authority or the trust anchors its level needs stops the start instead of sealing halfway.
 *
 * @param keystore PKCS#12 file with the seal's private key and certificate chain
 * @param keystorePassword its password (also the key's); no default, best given as SOUHRA_MINUTES_SEAL_KEYSTORE_PASSWORD
 * @param alias the key entry to seal with; may be left out when the keystore holds one key
 * @param tsaUrl the RFC 3161 time-stamping authority (HTTP POST, application/timestamp-query)
 * @param tsaUsername HTTP Basic user at the authority, when it asks for one
 * @param tsaPassword HTTP Basic password at the authority
 * @param tsaPolicy the timestamp policy OID to ask for, when the authority has several
 * @param tsaTimeout how long a download waits for the authority (connect and answer each)
 * @param level {@code B-T} (seal + signature timestamp) or {@code B-LTA} (also the chain's revocation data and a document timestamp)
 * @param trustAnchors PEM or DER file with the root certificates the seal's and the authority's chains end in (needed for B-LTA)
 */
@ConfigurationProperties("souhra.minutes.seal")
public record SealProperties(Path keystore, String keystorePassword, String alias, String tsaUrl, String tsaUsername, String tsaPassword,
                             String tsaPolicy, Duration tsaTimeout, String level, Path trustAnchors) {

    public SealProperties {
        tsaTimeout = tsaTimeout == null ? Duration.ofSeconds(10) : tsaTimeout;
        level = level == null || level.isBlank() ? "B-T" : level.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether an operator asked for sealing at all (any of the seal's own settings is given). */
    boolean configured() {
        return keystore != null || (tsaUrl != null && !tsaUrl.isBlank());
    }
}
