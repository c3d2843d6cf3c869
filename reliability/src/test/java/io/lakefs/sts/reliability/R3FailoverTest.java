package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * R3: two service instances share ZooKeeper; a job's token is issued by the first, which is then killed with
 * SIGKILL mid-job: the token still refreshes and renews through the other (clients fail over in the order the
 * token names the endpoints), and the job's S3 requests fail 0 times. In the full run the killed instance comes
 * back on its port and the other is killed next, several times.
 */
public class R3FailoverTest {
  private static final Duration LIFETIME = Duration.ofSeconds(12);
  private static final Map<String, String> SERVICE = Map.of("lakefs.sts.credentials.refresh-margin.seconds", "9");

  @Test
  public void killedInstancesTokensRefreshAndRenewThroughTheOther() throws Exception {
    Scale scale = Scale.current();
    try (Stack stack = Stack.start("r3", Optional.of(LIFETIME), true)) {
      int[] ports = {Stack.freePort(), Stack.freePort()};
      List<CredentialsServiceProcess> instances = new ArrayList<>(List.of(
          stack.startService(ports[0], SERVICE), stack.startService(ports[1], SERVICE)));
      List<URI> endpoints = List.of(instances.get(0).endpoint(), instances.get(1).endpoint());
      long requests;
      List<String> failures;
      long credentials;
      List<String> renewalFailures = new ArrayList<>();
      int renewals = 0;
      try (Job job = Job.start(stack, endpoints, Duration.ofSeconds(2), Duration.ofSeconds(8), "r3")) {
        Thread.sleep(4_000);
        for (int kill = 0; kill < scale.r3Kills(); kill++) {
          int victim = kill % 2;
          instances.get(victim).kill();
          // A credential lifetime with one instance: its refreshes and renewals go to the survivor.
          for (int second = 0; second < LIFETIME.toSeconds(); second += 6) {
            Thread.sleep(6_000);
            try {
              job.renewAsRm();
              renewals++;
            } catch (Exception e) {
              renewalFailures.add(e.toString());
            }
          }
          if (kill + 1 < scale.r3Kills()) {
            instances.set(victim, stack.startService(ports[victim], SERVICE));
          }
        }
        requests = job.requests();
        failures = job.failures();
        credentials = job.credentialsUsed();
      }
      long minimumCredentials = 1L + scale.r3Kills();
      boolean held = failures.isEmpty() && renewalFailures.isEmpty() && credentials >= minimumCredentials;
      Figures.record("R3", "2 instances sharing ZooKeeper, " + scale.r3Kills() + " SIGKILL(s) mid-job of the"
          + " instance that issued the token (or served it last)", "0 failed S3 requests; refresh and renewal"
          + " through the survivor", failures.size() + " failed of " + requests + " S3 requests; " + renewals
          + " RM renewals after kills, " + renewalFailures.size() + " failed; " + credentials
          + " credentials used in turn", held);
      assertEquals("failed S3 requests: " + failures, List.of(), failures);
      assertEquals("failed renewals", List.of(), renewalFailures);
      assertTrue("the job used " + credentials + " credentials: it did not refresh through the survivor",
          credentials >= minimumCredentials);
    }
  }
}
