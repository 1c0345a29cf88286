package io.promdr.core.tls;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds the trust of one {@link TlsOptions}: the JDK's CAs plus those of {@code caFile}, or
 * (insecureSkipVerify) none at all. A CA file that cannot be read or holds no certificate is a
 * configuration error naming the key and the file.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /** The SSL context for {@code options}; the JDK default when {@link TlsOptions#isDefault()}. */
    public static SSLContext sslContext(TlsOptions options) {
        try {
            if (options.isDefault()) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(options), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, options.configKey() + ": cannot set up TLS: " + e.getMessage(),
                    "check " + options.configKey() + ".caFile", e);
        }
    }

    /** The trust managers for {@code options}: one that trusts everything, or the JDK's CAs plus the CA file. */
    public static TrustManager[] trustManagers(TlsOptions options) {
        if (options.insecureSkipVerify()) {
            return new TrustManager[] {new TrustingEveryCertificate()};
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (X509Certificate ca : jdkTrustedCas()) {
                trusted.setCertificateEntry("jdk-" + index++, ca);
            }
            if (options.caFile() != null) {
                for (Certificate ca : readCaFile(options)) {
                    trusted.setCertificateEntry("ca-file-" + index++, ca);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, options.configKey() + ": cannot set up TLS: " + e.getMessage(),
                    "check " + options.configKey() + ".caFile", e);
        }
    }

    private static List<X509Certificate> jdkTrustedCas() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> cas = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                cas.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return cas;
    }

    private static Collection<? extends Certificate> readCaFile(TlsOptions options) {
        String key = options.configKey() + ".caFile";
        if (!Files.isRegularFile(options.caFile()) || !Files.isReadable(options.caFile())) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, key + ": " + options.caFile() + " is not a readable file",
                    "give the PEM file of the CA that signed the server's certificate");
        }
        try (InputStream in = Files.newInputStream(options.caFile())) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return certificates;
        } catch (CertificateException | IOException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, key + ": " + options.caFile() + " is not a PEM certificate bundle ("
                    + e.getMessage() + ")", "give a file of -----BEGIN CERTIFICATE----- blocks");
        }
    }
}
