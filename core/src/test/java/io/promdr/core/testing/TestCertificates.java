package io.promdr.core.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throwaway CA and server certificates it signed, written as PEM files (and a PKCS#12 key
 * store for Java servers) into a directory of the test, for TLS tests against real servers.
 * {@link #server()} names 127.0.0.1 and localhost; {@link #otherCa()} is a second CA that signed
 * nothing the servers use, to test an untrusted chain.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.create(tmp.resolve("tls"));
 * // server: certs.server().certFile(), keyFile(); client: trust certs.caFile()
 * }</pre>
 */
public final class TestCertificates {
    public static final String KEY_STORE_PASSWORD = "promdr-test-keystore";
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path caFile;
    private final Path otherCaFile;
    private final X509Certificate ca;
    private final Issued server;
    private final Issued wrongHost;

    private TestCertificates(Path caFile, Path otherCaFile, X509Certificate ca, Issued server, Issued wrongHost) {
        this.caFile = caFile;
        this.otherCaFile = otherCaFile;
        this.ca = ca;
        this.server = server;
        this.wrongHost = wrongHost;
    }

    /** A certificate and its key: PEM files for Go servers, a PKCS#12 store for Java ones. */
    public record Issued(Path certFile, Path keyFile, Path keyStore) {
    }

    /** Generates the CAs and certificates into {@code dir} (created if missing). */
    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair caKeys = keyPair();
            X509Certificate ca = caCertificate("CN=promdr test CA", caKeys);
            Path caFile = writePem(dir.resolve("ca.pem"), List.of(ca));
            KeyPair otherKeys = keyPair();
            Path otherCaFile = writePem(dir.resolve("other-ca.pem"), List.of(caCertificate("CN=promdr other CA", otherKeys)));
            Issued server = issue(dir, "server", ca, caKeys, new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost"));
            Issued wrongHost = issue(dir, "wrong-host", ca, caKeys, new GeneralName(GeneralName.dNSName, "elsewhere.invalid"));
            return new TestCertificates(caFile, otherCaFile, ca, server, wrongHost);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate test certificates", e);
        }
    }

    /** The PEM file of the CA that signed {@link #server()} and {@link #wrongHost()}. */
    public Path caFile() {
        return caFile;
    }

    /** The PEM file of a CA that signed nothing in use. */
    public Path otherCaFile() {
        return otherCaFile;
    }

    /** For 127.0.0.1 and localhost. */
    public Issued server() {
        return server;
    }

    /** Signed by the CA, but for elsewhere.invalid only: a host name mismatch on 127.0.0.1. */
    public Issued wrongHost() {
        return wrongHost;
    }

    /**
     * A client context trusting only the CA, for the harnesses' own requests. It checks the chain
     * but not the host name, so that a harness can also wait for a server of {@link #wrongHost()}.
     */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            X509TrustManager pkix = (X509TrustManager) factory.getTrustManagers()[0];
            context.init(null, new TrustManager[] {new ChainOnlyTrustManager(pkix)}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        // EC P-256: generated in milliseconds, where RSA keys take seconds on a loaded machine.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate caCertificate(String name, KeyPair keys) throws Exception {
        X500Name subject = new X500Name(name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(builder, keys);
    }

    private static Issued issue(Path dir, String name, X509Certificate ca, KeyPair caKeys, GeneralName... names) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder builder = builder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                new X500Name("CN=" + name), keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        X509Certificate certificate = sign(builder, caKeys);
        Path certFile = writePem(dir.resolve(name + ".pem"), List.of(certificate, ca));
        Path keyFile = Files.writeString(dir.resolve(name + "-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, keys.getPrivate(), KEY_STORE_PASSWORD.toCharArray(), new Certificate[] {certificate, ca});
        Path keyStore = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, KEY_STORE_PASSWORD.toCharArray());
        }
        return new Issued(certFile, keyFile, keyStore);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static Path writePem(Path file, List<X509Certificate> certificates) throws Exception {
        List<String> blocks = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            blocks.add("-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
        }
        return Files.writeString(file, String.join("", blocks));
    }

    /** Checks the chain against the CA; as an X509ExtendedTrustManager it also decides that no host name is checked. */
    private static final class ChainOnlyTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager pkix;

        ChainOnlyTrustManager(X509TrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }
}
