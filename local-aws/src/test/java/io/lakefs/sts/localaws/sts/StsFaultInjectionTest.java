package io.lakefs.sts.localaws.sts;

import static io.lakefs.sts.localaws.sts.StsFixture.ALICE;
import static io.lakefs.sts.localaws.sts.StsFixture.expectError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.RegionDisabledException;
import software.amazon.awssdk.services.sts.model.StsException;

/** Each fault knob, set over HTTP through /_admin/faults as tests in other modules do, seen by the AWS SDK. */
public class StsFaultInjectionTest {
  private StsFixture sts;
  private StsClient alice;

  @Before
  public void startSts() throws Exception {
    sts = StsFixture.usersOnly();
    alice = sts.client(ALICE);
  }

  @After
  public void stopSts() {
    sts.close();
  }

  @Test
  public void adminEndpointShowsTheKnobsAsJson() {
    HttpResponse<String> response = sts.adminGet();
    assertEquals(200, response.statusCode());
    assertEquals("{\"delayMillis\":0,\"throttleFraction\":0.0,\"down\":false,\"regionDisabled\":false,"
        + "\"sessionLifetimeSeconds\":null}", response.body());
    sts.setFaults("delayMillis=25&sessionLifetimeSeconds=30");
    assertEquals("{\"delayMillis\":25,\"throttleFraction\":0.0,\"down\":false,\"regionDisabled\":false,"
        + "\"sessionLifetimeSeconds\":30}", sts.adminGet().body());
  }

  @Test
  public void delayIsAddedBeforeEachAnswer() {
    sts.setFaults("delayMillis=400");
    long start = System.nanoTime();
    alice.getCallerIdentity();
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 400);
  }

  @Test
  public void throttleFractionThrottlesThatShareOfCalls() {
    sts.setFaults("throttleFraction=0.5");
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      try {
        alice.getCallerIdentity();
        outcomes.add("ok");
      } catch (StsException e) {
        assertEquals(400, e.statusCode());
        assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
        outcomes.add(e.awsErrorDetails().errorCode());
      }
    }
    assertEquals(List.of("ok", "Throttling", "ok", "Throttling"), outcomes);
  }

  @Test
  public void downAnswersServiceUnavailable() {
    sts.setFaults("down=true");
    StsException e = expectError("ServiceUnavailable", 503, alice::getCallerIdentity);
    assertTrue(e.getMessage(), e.awsErrorDetails().errorMessage().contains("temporary failure"));
    sts.setFaults("down=false");
    alice.getCallerIdentity();
  }

  @Test
  public void regionDisabledAnswersRegionDisabledException() {
    sts.setFaults("regionDisabled=true");
    StsException e = expectError("RegionDisabledException", 403, alice::getCallerIdentity);
    assertTrue("the SDK maps the code to its modelled exception", e instanceof RegionDisabledException);
    assertTrue(e.getMessage(), e.awsErrorDetails().errorMessage().contains("account:123456789012"));
  }

  @Test
  public void resetClearsEveryKnob() {
    sts.setFaults("down=true&regionDisabled=true&throttleFraction=1&delayMillis=10&sessionLifetimeSeconds=5");
    sts.setFaults("reset=true");
    assertEquals(StsFaults.Settings.none(), sts.faults.settings());
    alice.getCallerIdentity();
  }

  @Test
  public void invalidAdminInputIsRefusedWithAMessageAndChangesNothing() {
    sts.setFaults("delayMillis=7");
    for (String[] refusal : new String[][] {
        {"throttleFraction=1.5", "throttleFraction must be within [0, 1], was 1.5"},
        {"throttleFraction=lots", "throttleFraction must be a number within [0, 1], was 'lots'"},
        {"down=yes", "down must be true or false, was 'yes'"},
        {"delayMillis=-1", "delayMillis must be within [0, 600000], was -1"},
        {"sessionLifetimeSeconds=0", "sessionLifetimeSeconds must be at least 1 (or empty to clear), was 0"},
        {"delayMillis=1&colour=blue", "unknown field(s) [colour]; known fields are [delayMillis, down,"
            + " regionDisabled, reset, sessionLifetimeSeconds, throttleFraction]"}}) {
      HttpResponse<String> response = sts.adminPost(refusal[0]);
      assertEquals(refusal[0], 400, response.statusCode());
      assertEquals("{\"message\":\"" + refusal[1] + "\"}", response.body());
    }
    assertEquals(Duration.ofMillis(7), sts.faults.settings().delay());
  }
}
