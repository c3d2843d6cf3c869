package io.lakefs.sts.service.sts;

import static io.lakefs.sts.service.scope.AccessLevel.READ;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import org.junit.Test;

public class DisabledCredentialsIssuerTest {
  @Test
  public void everyRequestIsRefusedSayingWhichKeyEnablesTheFeature() {
    CredentialsDisabledException e = assertThrows(CredentialsDisabledException.class,
        () -> new DisabledCredentialsIssuer().issue("alice", ScriptedIssuer.DEFAULT_ROLE, LocalAwsIssuing.policy("s3://lakefs-data/repo1/", READ),
            Duration.ofHours(1)));
    assertEquals("Issuing S3 credentials through STS is disabled on this lakeFS credentials service, because no IAM"
        + " role is configured. An administrator enables it by setting lakefs.sts.role.arn to the ARN of a role"
        + " whose trust policy allows the service's AWS principal sts:AssumeRole, sts:TagSession and"
        + " sts:SetSourceIdentity. Until then, read and write through lakeFS instead (for example lakeFSFS with"
        + " fs.lakefs.access.mode=presigned).", e.getMessage());
    assertEquals(e.getMessage(), e.callerMessage());
  }
}
