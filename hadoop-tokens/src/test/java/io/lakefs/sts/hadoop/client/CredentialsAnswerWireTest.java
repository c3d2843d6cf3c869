package io.lakefs.sts.hadoop.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.http.CredentialsServlet;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.scope.StorageNamespace;
import io.lakefs.sts.service.sts.AwsCredentials;
import io.lakefs.sts.service.sts.IssuedCredentials;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/**
 * The service's answer, as the service builds and writes it (Jackson, as {@code Json.write} does), read back by
 * this client's reading of the wire: both sides hold the same credentials, so the two cannot drift apart.
 */
public class CredentialsAnswerWireTest {
  private static final Instant EXPIRES = Instant.ofEpochSecond(1_900_000_123L);

  @Test
  public void theClientReadsWhatTheServiceWrites() throws Exception {
    IssuedCredentials issued = new IssuedCredentials(
        new AwsCredentials("ASIAWIRETEST", Secret.of("wire-secret-key"), Secret.of("wire-session-token"), EXPIRES),
        "lakefs-sts-alice", "alice",
        List.of(new Grant(StorageNamespace.parse("s3://bucket/repo/"), AccessLevel.WRITE),
            new Grant(StorageNamespace.parse("s3://imports/raw/"), AccessLevel.READ)),
        "arn:aws:iam::123456789012:role/lakefs-sts");
    ObjectMapper wire = new ObjectMapper();
    byte[] written = wire.writeValueAsBytes(CredentialsServlet.answer(issued).toJson());

    CredentialsAnswer read = CredentialsServiceClient.readCredentials(wire, wire.readTree(written));

    assertEquals("ASIAWIRETEST", read.accessKeyId());
    assertEquals(Secret.of("wire-secret-key"), read.secretAccessKey());
    assertEquals(Secret.of("wire-session-token"), read.sessionToken());
    assertEquals(EXPIRES, read.expiration());
    assertEquals("lakefs-sts-alice", read.sessionName());
    assertEquals("alice", read.sourceIdentity());
    assertEquals("arn:aws:iam::123456789012:role/lakefs-sts", read.roleArn());
    assertEquals(List.of(new CredentialsAnswer.Grant("s3://bucket/repo/", "write"),
        new CredentialsAnswer.Grant("s3://imports/raw/", "read")), read.scope());
    assertEquals(CredentialsServlet.answer(issued), read);
    String text = new String(written, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text, text.contains("\"expiration\":1900000123"));
  }

  @Test
  public void aBodyWithoutKeysIsNoAnswer() throws Exception {
    ObjectMapper wire = new ObjectMapper();
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> CredentialsServiceClient.readCredentials(wire, wire.readTree("{\"message\":\"hello\"}")));
    assertEquals("the answer lacks access_key_id, secret_access_key or expiration", refused.getMessage());
  }
}
