package dev.hmac.bench;

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

/**
 * A throwaway certificate for the fake Slack API on 127.0.0.1, so both functions pay for a TLS handshake as they do
 * with slack.com: the server's {@link SSLContext}, a trust store for the Java function (the function JDK's own
 * cacerts plus this certificate, same format, no password: as costly to load as the real one) and a PEM file for
 * Node's {@code NODE_EXTRA_CA_CERTS}.
 */
final class FakeSlackTls {
    private static final String ALIAS = "fake-slack";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLContext serverContext;
    private final Path trustStore;
    private final Path pem;

    private FakeSlackTls(SSLContext serverContext, Path trustStore, Path pem) {
        this.serverContext = serverContext;
        this.trustStore = trustStore;
        this.pem = pem;
    }

    /** Generates the certificate with this JDK's keytool and a trust store from {@code functionJavaHome}'s cacerts. */
    static FakeSlackTls create(Path dir, Path functionJavaHome) throws IOException, GeneralSecurityException,
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

        return new FakeSlackTls(server, trustStore(dir, functionJavaHome, pem), pem);
    }

    SSLContext serverContext() {
        return serverContext;
    }

    /** For the Java function's {@code -Djavax.net.ssl.trustStore}. */
    Path trustStore() {
        return trustStore;
    }

    /** For Node's {@code NODE_EXTRA_CA_CERTS}. */
    Path pem() {
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
