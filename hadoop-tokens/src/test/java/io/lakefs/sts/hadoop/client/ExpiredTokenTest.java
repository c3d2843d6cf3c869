package io.lakefs.sts.hadoop.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.ServiceFixture;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.ServiceKeys;
import java.time.Duration;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** A service token left unrenewed past its renew interval (2 s here): refused, with the service's reason. */
public class ExpiredTokenTest {
  private static ServiceFixture fixture;

  @BeforeClass
  public static void start() throws Exception {
    fixture = ServiceFixture.start(null, conf -> conf.set(ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS, "2"));
  }

  @AfterClass
  public static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  public void expiredTokenGetsNoCredentialsAndTheMessageSaysWhen() throws Exception {
    CredentialsServiceClient client = new CredentialsServiceClient(new ClientSettings(List.of(fixture.endpoint()),
        Duration.ofSeconds(2), Duration.ofSeconds(10), 1, Duration.ZERO, Duration.ZERO));
    ServiceDelegationToken token = client.getDelegationToken(ServiceAuth.lakeFSKey(new LakeFSAccessKey(
        ServiceFixture.ALICE_KEY, Secret.of(ServiceFixture.ALICE_SECRET))), "alice",
        List.of(ServiceFixture.REPO), Access.READ);
    Thread.sleep(3000);

    CredentialsServiceException e = assertThrows(CredentialsServiceException.class,
        () -> client.getCredentials(ServiceAuth.delegationToken(token.urlString()), List.of(), null));

    assertEquals(403, e.status());
    assertTrue(e.serviceMessage(), e.serviceMessage().contains("expired at"));
    assertTrue(e.getMessage(), e.getMessage().contains(e.serviceMessage()));
  }
}
