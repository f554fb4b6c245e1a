package dev.hmac.aws.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate for the fakes of remote services on 127.0.0.1 (Slack's API, Secrets Manager), so a function
 * pays for a TLS handshake as it does with slack.com or AWS: the servers' {@link SSLContext}, a trust store for a
 * Java function (the function JDK's own cacerts plus this certificate, same format, no password: as costly to load as
 * the real one), a client {@link SSLContext} trusting only this certificate, and a PEM file for Node's
 * {@code NODE_EXTRA_CA_CERTS}.
 */
public final class LoopbackTls {
    private static final String ALIAS = "loopback";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final Path trustStore;
    private final Path pem;

    private LoopbackTls(SSLContext serverContext, SSLContext clientContext, Path trustStore, Path pem) {
        this.serverContext = serverContext;
        this.clientContext = clientContext;
        this.trustStore = trustStore;
        this.pem = pem;
    }

    /** Generates the certificate with this JDK's keytool and a trust store from {@code functionJavaHome}'s cacerts. */
    public static LoopbackTls create(Path dir, Path functionJavaHome) throws IOException, GeneralSecurityException,
            InterruptedException {
        Path keyStore = dir.resolve("fake-slack.p12");
        Path pem = dir.resolve("fake-slack.pem");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "7",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        run(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-file", pem.toString()));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);

        KeyStore onlyThis = KeyStore.getInstance("PKCS12");
        onlyThis.load(null, null);
        onlyThis.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(onlyThis);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trustManagers.getTrustManagers(), null);

        return new LoopbackTls(server, client, trustStore(dir, functionJavaHome, pem), pem);
    }

    public SSLContext serverContext() {
        return serverContext;
    }

    /** A client's context that trusts this certificate only, for a test's own calls. */
    public SSLContext clientContext() {
        return clientContext;
    }

    /** For a Java function's {@code -Djavax.net.ssl.trustStore}. */
    public Path trustStore() {
        return trustStore;
    }

    /** For Node's {@code NODE_EXTRA_CA_CERTS}. */
    public Path pem() {
        return pem;
    }

    private static Path trustStore(Path dir, Path javaHome, Path pem) throws IOException, GeneralSecurityException {
        Path cacerts = javaHome.resolve("lib/security/cacerts").toRealPath();
        KeyStore trusted = KeyStore.getInstance(cacerts.toFile(), (char[]) null);
        Certificate certificate;
        try (InputStream in = Files.newInputStream(pem)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        trusted.setCertificateEntry(ALIAS, certificate);
        // Like the JDK's own PKCS12 cacerts: no integrity check and no encryption, so it loads without a password.
        Security.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
        Security.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        Path store = dir.resolve("cacerts");
        try (OutputStream out = Files.newOutputStream(store)) {
            trusted.store(out, PASSWORD);
        }
        return store;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output));
        }
    }
}
