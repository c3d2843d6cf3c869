package io.lakefs.sts.service.issuance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.protocol.RefusalReason;
import io.lakefs.sts.service.sts.CredentialsDisabledException;
import io.lakefs.sts.service.sts.CredentialsRequestException;
import io.lakefs.sts.service.sts.StsConfigurationException;
import io.lakefs.sts.service.sts.StsUnavailableException;
import io.lakefs.sts.service.sts.TokenExpiresTooSoonException;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.Test;

/** The one mapping of STS's failures to what the caller is told; the HTTP tests cover lakeFS's and the scope's. */
public class RefusalTest {
  @Test
  public void stsFailuresBecomeTheirReasonsAndWaitOnlyWhenWaitingHelps() {
    Refusal tooSoon = Refusal.of(new TokenExpiresTooSoonException("alice", Duration.ofMinutes(3)));
    assertEquals(RefusalReason.TOKEN_EXPIRES_TOO_SOON, tooSoon.reason());
    assertEquals(401, tooSoon.status());
    assertEquals(OptionalLong.empty(), tooSoon.retryAfterSeconds());

    Refusal unavailable = Refusal.of(new StsUnavailableException("STS is down", Duration.ofMillis(2_500), null, null));
    assertEquals(RefusalReason.STS_UNAVAILABLE, unavailable.reason());
    assertEquals(503, unavailable.status());
    assertEquals(OptionalLong.of(3), unavailable.retryAfterSeconds());
    assertEquals("STS is down", unavailable.getMessage());

    assertEquals(501, Refusal.of(new CredentialsDisabledException("no role")).status());
    Refusal asked = Refusal.of(new CredentialsRequestException("policy too long for STS", "PackedPolicyTooLarge", null));
    assertEquals(RefusalReason.STS_REFUSED_REQUEST, asked.reason());
    assertEquals("policy too long for STS", asked.getMessage());
  }

  @Test
  public void aMisconfiguredServiceTellsTheCallerOnlyToAskTheAdministrator() {
    Refusal refusal = Refusal.of(new StsConfigurationException("role arn:aws:iam::1:role/x does not trust the"
        + " service's key AKIAEXAMPLE", "AccessDenied", null));
    assertEquals(RefusalReason.STS_MISCONFIGURED, refusal.reason());
    assertEquals(500, refusal.status());
    assertFalse(refusal.getMessage(), refusal.getMessage().contains("AKIAEXAMPLE"));
    assertTrue(refusal.getMessage(), refusal.getMessage().contains("administrator"));
  }

  @Test
  public void anythingElseIsNotTheCallersToActOn() {
    IllegalStateException bug = new IllegalStateException("a bug");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> Refusal.of(bug)));
    Exception checked = new java.io.IOException("disk");
    assertSame(checked, assertThrows(IllegalStateException.class, () -> Refusal.of(checked)).getCause());
  }
}
