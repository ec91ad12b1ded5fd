package cz.souhra.infra.documents.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test PKI made at test time, served in-process on a loopback port: a root CA, the institution's seal
 * certificate (in a PKCS#12 file with a random password) and an RFC 3161 time-stamping authority built on
 * BouncyCastle's TimeStampResponseGenerator, answering {@code POST /tsa}; the root's CRL at {@code /root.crl}
 * (named in both certificates), so B-LTA can fetch revocation data. Nothing goes to the network.
 */
public final class TestSealAuthority implements AutoCloseable {

    private static final String SIGNATURE = "SHA256withRSA";
    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");

    private final HttpServer server;
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair tsaKeys;
    private final X509Certificate tsa;
    private final X509Certificate seal;
    private final Path keystore;
    private final Path anchors;
    private final String password;
    private final AtomicInteger stamps = new AtomicInteger();
    private final AtomicLong serial = new AtomicLong(1);
    private volatile boolean refusing;
    private volatile boolean crlRefusing;

    private TestSealAuthority(Path dir) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String crl = "http://127.0.0.1:" + server.getAddress().getPort() + "/root.crl";
        Instant now = Instant.now();
        rootKeys = keys();
        root = certificate(new X500Name("CN=Souhra Test Root CA,O=Test,C=CZ"), rootKeys, new X500Name("CN=Souhra Test Root CA,O=Test,C=CZ"),
                rootKeys, now, true, null, null);
        tsaKeys = keys();
        tsa = certificate(new X500Name("CN=Souhra Test TSA,O=Test,C=CZ"), tsaKeys, X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                rootKeys, now, false, KeyPurposeId.id_kp_timeStamping, crl);
        KeyPair sealKeys = keys();
        seal = certificate(new X500Name("CN=Krajský úřad Testovacího kraje,O=Krajský úřad Testovacího kraje,C=CZ"), sealKeys,
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), rootKeys, now, false, null, crl);

        password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("pecet", sealKeys.getPrivate(), password.toCharArray(), new X509Certificate[] {seal, root});
        keystore = dir.resolve("seal.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            p12.store(out, password.toCharArray());
        }
        anchors = dir.resolve("anchors.pem");
        Files.writeString(anchors, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(root.getEncoded()) + "\n-----END CERTIFICATE-----\n");

        server.createContext("/tsa", this::stamp);
        server.createContext("/root.crl", this::crl);
        server.start();
    }

    /** Makes the PKI in {@code dir} and starts serving it. */
    public static TestSealAuthority start(Path dir) {
        try {
            return new TestSealAuthority(dir);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set up the test seal authority", e);
        }
    }

    public String tsaUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa";
    }

    public Path keystore() {
        return keystore;
    }

    public String password() {
        return password;
    }

    public Path trustAnchors() {
        return anchors;
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate sealCertificate() {
        return seal;
    }

    /** How many timestamps the authority has issued. */
    public int stamps() {
        return stamps.get();
    }

    /** While refusing, the authority answers HTTP 503 as a failing one would. */
    public void refusing(boolean refusing) {
        this.refusing = refusing;
    }

    /** While refusing, the CRL address answers HTTP 503. */
    public void crlRefusing(boolean refusing) {
        this.crlRefusing = refusing;
    }

    /** The settings of a B-T seal with this PKI and authority. */
    public SealProperties settings() {
        return new SealProperties(keystore, password, null, tsaUrl(), null, null, null, Duration.ofSeconds(5), "B-T", null);
    }

    private void stamp(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (refusing || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            TimeStampRequest request = new TimeStampRequest(body);
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build(SIGNATURE, tsaKeys.getPrivate(), tsa),
                    new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), POLICY);
            tokens.addCertificates(new JcaCertStore(List.of(tsa, root)));
            TimeStampResponse response = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                    .generate(request, BigInteger.valueOf(serial.getAndIncrement()), new Date());
            byte[] answer = response.getEncoded();
            stamps.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private void crl(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (crlRefusing) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), Date.from(now.minusSeconds(60)));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.getEpochSecond())));
            X509CRLHolder crl = builder.build(signer(rootKeys.getPrivate()));
            byte[] answer = crl.getEncoded();
            exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        return new JcaContentSignerBuilder(SIGNATURE).build(key);
    }

    private static X509Certificate certificate(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Instant now,
                                               boolean ca, KeyPurposeId purpose, String crl) throws Exception {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(ca ? 3650 : 365))), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purpose));
        }
        if (crl != null) {
            DistributionPointName name = new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crl)));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)}));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKeys.getPrivate())));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
