package io.lakefs.sts.service.sts;

import static io.lakefs.sts.service.scope.AccessLevel.READ;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;

import io.lakefs.sts.protocol.Secret;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class IssuedCredentialsTest {
  private static final AwsCredentials CREDENTIALS = new AwsCredentials("ASIAEXAMPLE0000001", Secret.of("the-secret"),
      Secret.of("the-session-token"), Instant.parse("2026-11-29T10:00:00Z"));

  @Test
  public void credentialsPrintOnlyTheirKeyIdAndExpiration() {
    assertEquals("AwsCredentials{accessKeyId=ASIAEXAMPLE0000001, expiration=2026-11-29T10:00:00Z}",
        CREDENTIALS.toString());
    assertEquals("<redacted>", CREDENTIALS.secretAccessKey().toString());
    assertEquals("the-session-token", CREDENTIALS.sessionToken().reveal());
  }

  @Test
  public void issuedCredentialsPrintWhatTheyWereIssuedAsButNoSecret() {
    IssuedCredentials issued = new IssuedCredentials(CREDENTIALS, "alice", "alice",
        LocalAwsIssuing.policy("s3://lakefs-data/repo1/", READ).scope(), "arn:aws:iam::123456789012:role/lakefs-sts");
    assertEquals("IssuedCredentials[credentials=AwsCredentials{accessKeyId=ASIAEXAMPLE0000001,"
        + " expiration=2026-11-29T10:00:00Z}, sessionName=alice, sourceIdentity=alice,"
        + " scope=[s3://lakefs-data/repo1/ (read)], roleArn=arn:aws:iam::123456789012:role/lakefs-sts]",
        issued.toString());
    assertEquals(CREDENTIALS.expiration(), issued.expiration());
  }

  @Test
  public void theAnswerIsRenderedOnceAndKeptWithTheEntry() {
    IssuedCredentials issued = new IssuedCredentials(CREDENTIALS, "alice", "alice",
        LocalAwsIssuing.policy("s3://lakefs-data/repo1/", READ).scope(), "arn:aws:iam::123456789012:role/lakefs-sts");
    AtomicInteger renders = new AtomicInteger();

    byte[] first = issued.answer(entry -> new byte[] {(byte) renders.incrementAndGet()});
    byte[] second = issued.answer(entry -> new byte[] {(byte) renders.incrementAndGet()});

    assertEquals(1, renders.get());
    assertSame(first, second);
    assertFalse(issued.toString(), issued.toString().contains("the-secret"));
  }
}
