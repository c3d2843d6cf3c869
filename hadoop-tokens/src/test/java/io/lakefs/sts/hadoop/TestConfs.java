package io.lakefs.sts.hadoop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

import static org.junit.Assert.assertFalse;

/** Configurations the tests hand to S3A and the issuer, and the check that no secret leaked. */
public final class TestConfs {
  private TestConfs() {
  }

  /**
   * S3A against local-aws and the service's endpoint: no AWS key, no lakeFS key. What an executor has, but for
   * {@code fs.s3a.delegation.token.binding}: that names a class of an S3A binding's module, whose tests add it.
   */
  public static Configuration executor(ServiceFixture fixture) {
    // Hadoop's defaults (core-default.xml) too: they name S3A as the s3a:// filesystem.
    Configuration conf = new Configuration();
    fixture.aws().s3aSettings().forEach(conf::set);
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    conf.set(LakeFSTokenKeys.SERVICE_ENDPOINTS, fixture.endpoint().toString());
    conf.set(LakeFSTokenKeys.RETRY_ATTEMPTS, "1");
    return conf;
  }

  /** An executor's configuration plus alice's lakeFS key, repositories and access: what a driver has. */
  public static Configuration driver(ServiceFixture fixture) {
    Configuration conf = executor(fixture);
    conf.set(LakeFSTokenKeys.ACCESS_KEY, ServiceFixture.ALICE_KEY);
    conf.set(LakeFSTokenKeys.SECRET_KEY, ServiceFixture.ALICE_SECRET);
    conf.set(LakeFSTokenKeys.REPOSITORIES, ServiceFixture.REPO);
    conf.set(LakeFSTokenKeys.ACCESS, "write");
    return conf;
  }

  /** Fails if any of the fixture's long-term secrets, or the {@code others} given, appears in {@code text}. */
  public static void assertNoSecret(ServiceFixture fixture, String text, String... others) {
    List<String> secrets = new ArrayList<>(List.of(ServiceFixture.ALICE_SECRET, ServiceFixture.BOB_SECRET,
        fixture.aws().secretAccessKey()));
    secrets.addAll(Arrays.asList(others));
    for (int i = 0; i < secrets.size(); i++) {
      // The message names the secret by position only: a failing test must not print it either.
      assertFalse("secret #" + i + " appears at index " + text.indexOf(secrets.get(i)) + " of the text checked",
          secrets.get(i).isEmpty() || text.contains(secrets.get(i)));
    }
  }
}
