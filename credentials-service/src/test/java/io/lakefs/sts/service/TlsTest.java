package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.SelfSignedKeystore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import org.apache.hadoop.conf.Configuration;
import org.junit.Test;

/** With a keystore configured, the service speaks HTTPS only, with that key. */
public class TlsTest {
  private static final String PASSWORD = "keystore-password-for-tests";

  @Test
  public void servesHttpsWithTheConfiguredKeyAndNoPlainHttp() throws Exception {
    SelfSignedKeystore keystore = SelfSignedKeystore.create(Files.createTempDirectory("lakefs-sts-tls"), PASSWORD);
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.TLS_KEYSTORE_PATH, keystore.file().toString());
    conf.set(ServiceKeys.TLS_KEYSTORE_PASSWORD, PASSWORD);

    try (CredentialsService service = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC())) {
      assertEquals("https", service.endpoint().getScheme());
      HttpResponse<String> health = HttpClient.newBuilder().sslContext(keystore.trustingContext()).build().send(
          HttpRequest.newBuilder(service.endpoint().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      // The cookie hadoop-auth sets (here, clearing it for an unauthenticated caller) is Secure and SameSite.
      HttpResponse<String> unauthenticated = HttpClient.newBuilder().sslContext(keystore.trustingContext()).build().send(
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
