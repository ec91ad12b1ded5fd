package cz.souhra.infra.documents.seal;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

/** What an auditor gets from DSS (the library behind the EU's DSS demo webapp) for a sealed file, with the test root trusted. */
public final class SealReports {

    private SealReports() {}

    public static Reports of(byte[] pdf, X509Certificate trustedRoot) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf, "zapis.pdf"));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(trustedRoot));
        verifier.setTrustedCertSources(trusted);
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument();
    }

    /** veraPDF's verdict: the rules the file breaks for the flavour it claims (empty when compliant), and that flavour. */
    public static java.util.Map.Entry<String, java.util.List<String>> pdfA(byte[] pdf) throws Exception {
        org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider.initialise();
        try (var parser = org.verapdf.pdfa.Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf));
             var validator = org.verapdf.pdfa.Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            var result = validator.validate(parser);
            java.util.List<String> failed = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() != org.verapdf.pdfa.results.TestAssertion.Status.PASSED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage()).distinct().toList();
            if (!result.isCompliant() && failed.isEmpty()) {
                failed = java.util.List.of("not compliant");
            }
            return java.util.Map.entry(parser.getFlavour().getId(), failed);
        }
    }
}
