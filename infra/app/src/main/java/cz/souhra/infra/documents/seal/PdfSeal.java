package cz.souhra.infra.documents.seal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.SecureRandomNonceSource;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.http.commons.TimestampDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;

/**
 * Seals PDF bytes with a PAdES baseline signature: the seal certificate's key signs, the time-stamping authority
 * stamps the signature value (B-T), and at B-LTA the chain's revocation data and a document timestamp follow as
 * further incremental updates. The original bytes stay untouched at the head of the file, so a PDF/A stays
 * PDF/A. Plain Java: the Spring side is {@link MinutesSeal}.
 */
public final class PdfSeal {

    /** Room for the CMS signature in /Contents: a chain of three certificates and the TSA's token with its own chain take about 8 KiB. */
    private static final int SIGNATURE_SIZE = 24_576;

    private final Pkcs12SignatureToken token;
    private final DSSPrivateKeyEntry key;
    private final TSPSource tsa;
    private final String tsaHost;
    private final SignatureLevel level;
    private final CommonTrustedCertificateSource trusted;

    private PdfSeal(Pkcs12SignatureToken token, DSSPrivateKeyEntry key, TSPSource tsa, String tsaHost, SignatureLevel level,
                    CommonTrustedCertificateSource trusted) {
        this.token = token;
        this.key = key;
        this.tsa = tsa;
        this.tsaHost = tsaHost;
        this.level = level;
        this.trusted = trusted;
    }

    /**
     * The seal the settings describe, checked now: the keystore opens with its password, the entry holds a key with
     * a certificate valid today, the authority's address is an http(s) URL and B-LTA has its trust anchors.
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public static PdfSeal open(SealProperties p) {
        require(p.keystore() != null, "souhra.minutes.seal.keystore is not set (a PKCS#12 file with the seal's key)");
        require(p.keystorePassword() != null && !p.keystorePassword().isEmpty(),
                "souhra.minutes.seal.keystore-password is not set (give it as SOUHRA_MINUTES_SEAL_KEYSTORE_PASSWORD)");
        require(p.tsaUrl() != null && !p.tsaUrl().isBlank(), "souhra.minutes.seal.tsa-url is not set (an RFC 3161 time-stamping authority)");
        SignatureLevel level = switch (p.level()) {
            case "B-T" -> SignatureLevel.PAdES_BASELINE_T;
            case "B-LTA" -> SignatureLevel.PAdES_BASELINE_LTA;
            default -> throw new IllegalArgumentException("souhra.minutes.seal.level must be B-T or B-LTA, not " + p.level());
        };
        require(level != SignatureLevel.PAdES_BASELINE_LTA || p.trustAnchors() != null,
                "souhra.minutes.seal.level B-LTA needs souhra.minutes.seal.trust-anchors (the root certificates of the seal's and the authority's chains)");
        URI tsaUri = URI.create(p.tsaUrl().strip());
        require(("http".equals(tsaUri.getScheme()) || "https".equals(tsaUri.getScheme())) && tsaUri.getHost() != null,
                "souhra.minutes.seal.tsa-url must be an http or https URL, not " + p.tsaUrl());

        Pkcs12SignatureToken token;
        try {
            token = new Pkcs12SignatureToken(Files.readAllBytes(p.keystore()), new KeyStore.PasswordProtection(p.keystorePassword().toCharArray()));
        } catch (IOException e) {
            throw new IllegalArgumentException("souhra.minutes.seal.keystore " + p.keystore() + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("souhra.minutes.seal.keystore " + p.keystore()
                    + " does not open as PKCS#12 with souhra.minutes.seal.keystore-password: " + rootMessage(e), e);
        }
        List<DSSPrivateKeyEntry> keys = token.getKeys();
        DSSPrivateKeyEntry key;
        if (p.alias() != null && !p.alias().isBlank()) {
            key = keys.stream().filter(k -> k instanceof KSPrivateKeyEntry ks && ks.getAlias().equals(p.alias())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("souhra.minutes.seal.alias " + p.alias() + " is not a key entry of " + p.keystore()));
        } else {
            require(keys.size() == 1, "souhra.minutes.seal.keystore " + p.keystore() + " holds " + keys.size()
                    + " keys; name the seal's with souhra.minutes.seal.alias");
            key = keys.get(0);
        }
        X509Certificate cert = key.getCertificate().getCertificate();
        try {
            cert.checkValidity();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the seal certificate " + cert.getSubjectX500Principal() + " is not valid today (valid "
                    + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ")", e);
        }

        TimestampDataLoader tsaLoader = new TimestampDataLoader();
        timeouts(tsaLoader, (int) p.tsaTimeout().toMillis());
        if (p.tsaUsername() != null && !p.tsaUsername().isBlank()) {
            int port = tsaUri.getPort() != -1 ? tsaUri.getPort() : "https".equals(tsaUri.getScheme()) ? 443 : 80;
            tsaLoader.addAuthentication(tsaUri.getHost(), port, tsaUri.getScheme(), p.tsaUsername(),
                    p.tsaPassword() == null ? new char[0] : p.tsaPassword().toCharArray());
        }
        OnlineTSPSource online = new OnlineTSPSource(tsaUri.toString(), tsaLoader);
        // A nonce binds the answer to this request, so a replayed or mixed-up response is refused.
        online.setNonceSource(new SecureRandomNonceSource());
        if (p.tsaPolicy() != null && !p.tsaPolicy().isBlank()) {
            online.setPolicyOid(p.tsaPolicy().strip());
        }

        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        if (p.trustAnchors() != null) {
            for (X509Certificate anchor : certificates(p.trustAnchors())) {
                trusted.addCertificate(new CertificateToken(anchor));
            }
        }
        return new PdfSeal(token, key, online, tsaUri.getHost(), level, trusted);
    }

    /** The level every sealed file reaches: PAdES-BASELINE-T or PAdES-BASELINE-LTA. */
    public SignatureLevel level() {
        return level;
    }

    /** The seal certificate's subject, for the start-up log line. */
    public String subject() {
        return key.getCertificate().getSubject().getPrettyPrintRFC2253();
    }

    /**
     * The sealed file: the given bytes unchanged, then the signature with its timestamp (and at B-LTA the validation
     * data and the document timestamp) as incremental updates.
     *
     * @throws TimestampUnavailable when the time-stamping authority does not answer or refuses; nothing is returned then
     */
    public byte[] seal(byte[] pdf, String reason) {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(level);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(key.getCertificate());
        parameters.setCertificateChain(key.getCertificateChain());
        parameters.setContentSize(SIGNATURE_SIZE);
        parameters.getArchiveTimestampParameters().setContentSize(SIGNATURE_SIZE / 2);
        parameters.setReason(reason);
        parameters.setAppName("Souhra");
        // one instant for the signed attributes and the signature dictionary's /M
        parameters.bLevel().setSigningDate(new Date());

        PAdESService service = new PAdESService(verifier());
        service.setTspSource(this::stamp);
        DSSDocument document = new InMemoryDocument(pdf);
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        SignatureValue value = token.sign(toBeSigned, parameters.getDigestAlgorithm(), key);
        DSSDocument sealed = service.signDocument(document, parameters, value);
        try (InputStream in = sealed.openStream(); ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 3 * SIGNATURE_SIZE)) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TimestampBinary stamp(DigestAlgorithm algorithm, byte[] digest) {
        try {
            return tsa.getTimeStampResponse(algorithm, digest);
        } catch (RuntimeException e) {
            throw new TimestampUnavailable(tsaHost, e);
        }
    }

    /**
     * At B-T only the signing certificate's chain is needed; at B-LTA the chain's CRLs and OCSP answers are fetched
     * from the addresses in the certificates (their issuers through AIA) and must reach a trust anchor.
     */
    private CommonCertificateVerifier verifier() {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        if (level == SignatureLevel.PAdES_BASELINE_LTA) {
            CommonsDataLoader loader = new CommonsDataLoader();
            timeouts(loader, 10_000);
            verifier.setTrustedCertSources(trusted);
            verifier.setCrlSource(new OnlineCRLSource(loader));
            OCSPDataLoader ocspLoader = new OCSPDataLoader();
            timeouts(ocspLoader, 10_000);
            verifier.setOcspSource(new OnlineOCSPSource(ocspLoader));
            verifier.setAIASource(new DefaultAIASource(loader));
        }
        return verifier;
    }

    private static void timeouts(CommonsDataLoader loader, int millis) {
        loader.setTimeoutConnection(millis);
        loader.setTimeoutConnectionRequest(millis);
        loader.setTimeoutResponse(millis);
        loader.setTimeoutSocket(millis);
    }

    private static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            require(!out.isEmpty(), "souhra.minutes.seal.trust-anchors " + file + " holds no certificate");
            return out;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("souhra.minutes.seal.trust-anchors " + file + " cannot be read as PEM or DER certificates: " + e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The time-stamping authority did not answer in time, could not be reached, or refused the request. */
    public static final class TimestampUnavailable extends RuntimeException {
        private final String host;

        TimestampUnavailable(String host, Throwable cause) {
            super("The time-stamping authority " + host + " did not give a timestamp: " + rootMessage(cause), cause);
            this.host = host;
        }

        public String host() {
            return host;
        }
    }

    @Override
    public String toString() {
        return "PdfSeal[" + level + ", " + subject() + ", TSA " + tsaHost + "]";
    }
}
