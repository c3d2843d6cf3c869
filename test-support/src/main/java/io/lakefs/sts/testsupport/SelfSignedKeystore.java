package io.lakefs.sts.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 keystore with a new self-signed RSA key for {@code 127.0.0.1}, made by the JDK's {@code keytool} as an
 * operator would make one, and a client {@link SSLContext} that trusts exactly that key: HTTPS on loopback for the
 * service's TLS test and the TLS load comparison.
 */
public final class SelfSignedKeystore {
  private final Path file;
  private final String password;

  private SelfSignedKeystore(Path file, String password) {
    this.file = file;
    this.password = password;
  }

  /** Generates {@code server.p12} in {@code dir}, protected by {@code password}. */
  public static SelfSignedKeystore create(Path dir, String password) throws IOException, InterruptedException {
    Path file = Files.createDirectories(dir).resolve("server.p12");
    Files.deleteIfExists(file);
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", password).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      keytool.destroyForcibly();
      throw new IOException("keytool could not generate " + file + ": " + output);
    }
    return new SelfSignedKeystore(file, password);
  }

  public Path file() {
    return file;
  }

  public String password() {
    return password;
  }

  /** A TLS context for clients that trusts this keystore's key and nothing else. */
  public SSLContext trustingContext() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password.toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
