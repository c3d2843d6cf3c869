package io.lakefs.sts.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class CredentialsAnswerTest {
  private static final CredentialsAnswer ANSWER = new CredentialsAnswer("ASIAEXAMPLE",
      Secret.of("secret-key-value"), Secret.of("session-token-value"), Instant.ofEpochSecond(1_800_000_000L),
      "lakefs-sts-alice", "alice", "arn:aws:iam::123456789012:role/lakefs-sts",
      Arrays.asList(new CredentialsAnswer.Grant("s3://bucket/repo/data/", "write"),
          new CredentialsAnswer.Grant("s3://bucket/repo/", "read")));

  @Test
  public void writesTheFieldsTheWireNames() {
    Map<String, Object> json = ANSWER.toJson();
    assertEquals(Arrays.asList("access_key_id", "secret_access_key", "session_token", "expiration", "session_name",
        "source_identity", "role_arn", "scope"), Arrays.asList(json.keySet().toArray()));
    assertEquals("secret-key-value", json.get("secret_access_key"));
    assertEquals("session-token-value", json.get("session_token"));
    assertEquals(1_800_000_000L, json.get("expiration"));
    Map<String, String> grant = new LinkedHashMap<>();
    grant.put("location", "s3://bucket/repo/data/");
    grant.put("access", "write");
    assertEquals(grant, ((List<?>) json.get("scope")).get(0));
  }

  @Test
  public void readsWhatItWrites() {
    assertEquals(ANSWER, CredentialsAnswer.fromJson(ANSWER.toJson()));
  }

  @Test
  public void readsTheExpirationAsAJsonLibraryHandsItOver() {
    for (Object seconds : new Object[] {1_800_000_000, 1_800_000_000L, BigInteger.valueOf(1_800_000_000L),
        1.8e9}) {
      Map<String, Object> json = ANSWER.toJson();
      json.put("expiration", seconds);
      assertEquals(Instant.ofEpochSecond(1_800_000_000L), CredentialsAnswer.fromJson(json).expiration());
    }
  }

  @Test
  public void optionalFieldsMayBeMissing() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("access_key_id", "AKIA");
    json.put("secret_access_key", "s");
    json.put("expiration", 5);
    CredentialsAnswer answer = CredentialsAnswer.fromJson(json);
    assertEquals("", answer.sessionToken().reveal());
    assertEquals("", answer.roleArn());
    assertEquals(Collections.emptyList(), answer.scope());
  }

  @Test
  public void refusesAnAnswerWithoutKeysOrExpirationNamingTheFieldsNotTheValues() {
    for (String missing : new String[] {"access_key_id", "secret_access_key", "expiration"}) {
      Map<String, Object> json = ANSWER.toJson();
      json.remove(missing);
      assertRefused(json);
    }
    Map<String, Object> textExpiration = ANSWER.toJson();
    textExpiration.put("expiration", "soon");
    assertRefused(textExpiration);
    Map<String, Object> hugeExpiration = ANSWER.toJson();
    hugeExpiration.put("expiration", BigInteger.ONE.shiftLeft(80));
    assertRefused(hugeExpiration);
  }

  @Test
  public void toStringShowsNoSecret() {
    String text = ANSWER.toString();
    assertTrue(text, text.contains("ASIAEXAMPLE"));
    assertFalse(text, text.contains("secret-key-value"));
    assertFalse(text, text.contains("session-token-value"));
  }

  private static void assertRefused(Map<String, Object> json) {
    try {
      CredentialsAnswer.fromJson(json);
      fail("read " + json.keySet());
    } catch (IllegalArgumentException e) {
      assertEquals("the answer lacks access_key_id, secret_access_key or expiration", e.getMessage());
      assertFalse(e.getMessage().contains("secret-key-value"));
    }
  }
}
