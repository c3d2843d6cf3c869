package io.lakefs.sts.service;

import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * The service in this JVM on a free loopback port, asking a lakeFS stand-in who callers are, with no STS behind it:
 * what the tests of the HTTP edge (authentication, hostile, slow and refused requests) run against.
 */
final class ServiceOnLoopback implements AutoCloseable {
  static final String ALICE_KEY = "AKIAIOSFODNN7ALICE01";
  static final String ALICE_SECRET = "alice-secret-for-loopback-tests-0001";
  static final String REPOSITORY = "repo1";

  final LakeFSStandIn lakeFS;
  final CredentialsService service;

  private ServiceOnLoopback(LakeFSStandIn lakeFS, CredentialsService service) {
    this.lakeFS = lakeFS;
    this.service = service;
  }

  /** A stand-in where alice, with the key above, may write {@value #REPOSITORY}; a test adds other users. */
  static LakeFSStandIn.Builder aliceInRepo1() {
    return LakeFSStandIn.builder()
        .user("alice", ALICE_KEY, ALICE_SECRET)
        .repository(REPOSITORY, "s3://lakefs-data/" + REPOSITORY + "/")
        .grant("alice", REPOSITORY);
  }

  /** Starts {@code lakeFS}, then the service asking it, with {@code settings} beside its address and lakeFS's. */
  static ServiceOnLoopback start(LakeFSStandIn.Builder lakeFS, Consumer<Configuration> settings) throws Exception {
    LakeFSStandIn standIn = lakeFS.start();
    try {
      Configuration conf = new Configuration(false);
      conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
      conf.set(ServiceKeys.LAKEFS_ENDPOINT, standIn.endpoint().toString());
      settings.accept(conf);
      return new ServiceOnLoopback(standIn, CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC()));
    } catch (Exception | Error e) {
      standIn.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    Closeables.closeAll(service, lakeFS);
  }
}
