package io.lakefs.sts.spark.plugin;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.junit.Test;

public class TokenUpdateTest {
  private static final String PASSWORD = "token-password-secret";

  @Test
  public void carriesTheTokensThroughJavaSerializationAsSparksRpcDoesAndShowsNoSecret() throws Exception {
    Credentials credentials = new Credentials();
    Text service = new Text("lakefs://127.0.0.1:8765");
    credentials.addToken(service, new Token<TokenIdentifier>("identifier".getBytes(StandardCharsets.UTF_8),
        PASSWORD.getBytes(StandardCharsets.UTF_8), new Text("LAKEFS_STS"), service));
    TokenUpdate sent = TokenUpdate.of(credentials, Duration.ofSeconds(42));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(sent);
    }
    TokenUpdate received;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      received = (TokenUpdate) in.readObject();
    }

    assertEquals(Duration.ofSeconds(42), received.askAgainAfter());
    Token<?> token = received.credentials().getToken(service);
    assertArrayEquals(PASSWORD.getBytes(StandardCharsets.UTF_8), token.getPassword());
    assertEquals("LAKEFS_STS", token.getKind().toString());
    assertFalse(received.toString(), received.toString().contains(PASSWORD));
    assertFalse(received.toString(), received.toString().contains("identifier"));
  }
}
