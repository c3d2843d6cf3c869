package io.lakefs.sts.service.lakefs;

import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.StandInRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The lakeFS these tests talk to: alice reads repo1, bob reads nothing, carol reads every repository.
 * Secrets are distinctive so that tests can search any text for them.
 */
final class StandInFixture {
  static final String ALICE_KEY = "AKIAIOSFODNN7ALICE";
  static final String ALICE_SECRET = "alice-SECRET-wJalrXUtnFEMI";
  static final String BOB_KEY = "AKIAIOSFODNN7BOB";
  static final String BOB_SECRET = "bob-SECRET-K7MDENGbPxRfiCY";
  static final String CAROL_KEY = "AKIAIOSFODNN7CAROL";
  static final String CAROL_SECRET = "carol-SECRET-bPxRfiCYEXAMPLEKEY";
  static final String WRONG_SECRET = "wrong-SECRET-tnFEMI7MDENG";
  static final List<String> SECRETS = List.of(ALICE_SECRET, BOB_SECRET, CAROL_SECRET, WRONG_SECRET);

  static final LakeFSCredentials ALICE = new LakeFSCredentials(ALICE_KEY, ALICE_SECRET);
  static final LakeFSCredentials BOB = new LakeFSCredentials(BOB_KEY, BOB_SECRET);
  static final LakeFSCredentials CAROL = new LakeFSCredentials(CAROL_KEY, CAROL_SECRET);
  static final LakeFSCredentials ALICE_WRONG_SECRET = new LakeFSCredentials(ALICE_KEY, WRONG_SECRET);
  static final LakeFSCredentials UNKNOWN_KEY = new LakeFSCredentials("AKIAIOSFODNN7NOBODY", WRONG_SECRET);

  private StandInFixture() {
  }

  static LakeFSStandIn start() throws IOException {
    return LakeFSStandIn.builder()
        .user("alice", ALICE_KEY, ALICE_SECRET)
        .user("bob", BOB_KEY, BOB_SECRET)
        .user("carol", CAROL_KEY, CAROL_SECRET)
        .repository("repo1", "s3://lakefs-data/repo1/")
        .repository(StandInRepository.of("repo2", "s3://lakefs-data/repo2/").withDefaultBranch("develop"))
        .grant("alice", "repo1")
        .grantAll("carol")
        .start();
  }

  /** Short timeouts: everything here is on loopback. */
  static LakeFSSettings settings(LakeFSStandIn lakeFS) {
    return LakeFSSettings.forEndpoint(lakeFS.endpoint()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  static String basic(String accessKeyId, String secret) {
    return "Basic " + encoded(accessKeyId + ":" + secret);
  }

  static String encoded(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Everything a log line could show of a failure: message, type, and every cause. */
  static String printed(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
