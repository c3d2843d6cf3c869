package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hadoop.conf.Configuration;
import org.junit.Test;

/** With a keystore configured, the service speaks HTTPS only, with that key. */
public class TlsTest {
  private static final String PASSWORD = "keystore-password-for-tests";

  private static Path keystore() throws IOException, InterruptedException {
    Path file = Files.createTempDirectory("lakefs-sts-tls").resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertTrue("keytool did not finish", keytool.waitFor(60, TimeUnit.SECONDS));
    assertEquals("keytool failed: " + output, 0, keytool.exitValue());
    return file;
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  @Test
  public void servesHttpsWithTheConfiguredKeyAndNoPlainHttp() throws Exception {
    Path keystore = keystore();
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.TLS_KEYSTORE_PATH, keystore.toString());
    conf.set(ServiceKeys.TLS_KEYSTORE_PASSWORD, PASSWORD);

    try (CredentialsService service = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC())) {
      assertEquals("https", service.endpoint().getScheme());
      HttpResponse<String> health = HttpClient.newBuilder().sslContext(trusting(keystore)).build().send(
          HttpRequest.newBuilder(service.endpoint().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      // The cookie hadoop-auth sets (here, clearing it for an unauthenticated caller) is Secure and SameSite.
      HttpResponse<String> unauthenticated = HttpClient.newBuilder().sslContext(trusting(keystore)).build().send(
          HttpRequest.newBuilder(service.endpoint().resolve("/api/v1/credentials"))
              .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      String cookie = unauthenticated.headers().firstValue("Set-Cookie").orElse("");
      assertTrue(cookie, cookie.startsWith("hadoop.auth=") && cookie.contains("; Secure")
          && cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict"));

      String plain = service.endpoint().toString().replace("https://", "http://");
      assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(java.net.URI.create(plain + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
    }
  }

  @Test
  public void aKeystoreWithoutAPasswordIsAConfigurationError() {
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.TLS_KEYSTORE_PATH, "/etc/lakefs-sts/server.p12");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceConfig.from(conf));
    assertTrue(e.getMessage(), e.getMessage().contains(ServiceKeys.TLS_KEYSTORE_PASSWORD));
  }
}
