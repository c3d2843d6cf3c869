package io.lakefs.sts.reliability;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * Real processes on loopback: local-aws (STS + S3), the lakeFS stand-in with {@link Users}, optionally a
 * ZooKeeper the service instances share, and credentials-service instances run from the service's fat jar.
 */
final class Stack implements AutoCloseable {
  private final Path dir;
  private final LocalAwsProcess aws;
  private final LakeFSStandIn lakeFS;
  private final Optional<TestingServer> zooKeeper;
  private final List<CredentialsServiceProcess> services = new ArrayList<>();
  private final AtomicInteger started = new AtomicInteger();

  private Stack(Path dir, LocalAwsProcess aws, LakeFSStandIn lakeFS, Optional<TestingServer> zooKeeper) {
    this.dir = dir;
    this.aws = aws;
    this.lakeFS = lakeFS;
    this.zooKeeper = zooKeeper;
  }

  /**
   * Starts local-aws ({@code sessionLifetime} bounds the credentials it issues), the lakeFS stand-in and, with
   * {@code sharedTokenStore}, a ZooKeeper; no service yet.
   */
  static Stack start(String name, Optional<Duration> sessionLifetime, boolean sharedTokenStore) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "stacks", name));
    LocalAwsProcess.Builder awsBuilder = LocalAwsProcess.builder();
    sessionLifetime.ifPresent(awsBuilder::sessionLifetime);
    LocalAwsProcess aws = awsBuilder.start();
    LakeFSStandIn lakeFS = null;
    try {
      LakeFSStandIn.Builder lakeFSBuilder = LakeFSStandIn.builder();
      Set<String> repositories = new TreeSet<>();
      for (Users.User user : Users.all()) {
        lakeFSBuilder.user(user.id(), user.accessKeyId(), user.secret());
        if (user.repository() != null && repositories.add(user.repository())) {
          lakeFSBuilder.repository(user.repository(), "s3://" + aws.bucket() + "/" + user.repository() + "/");
        }
      }
      for (Users.User user : Users.all()) {
        if (user.repository() != null) {
          lakeFSBuilder.grant(user.id(), user.repository());
        }
      }
      lakeFS = lakeFSBuilder.start();
      Optional<TestingServer> zooKeeper = sharedTokenStore ? Optional.of(new TestingServer(new InstanceSpec(
          null, -1, -1, -1, true, -1, -1, -1, Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true))
          : Optional.empty();
      return new Stack(dir, aws, lakeFS, zooKeeper);
    } catch (Exception | Error e) {
      aws.close();
      if (lakeFS != null) {
        lakeFS.close();
      }
      throw e;
    }
  }

  /** A free loopback port, for an instance that must come back where it was. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts a service instance on {@code port} (0: any); {@code extra} adds or overrides its keys. */
  CredentialsServiceProcess startService(int port, Map<String, String> extra) throws Exception {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("lakefs.sts.http.address", "127.0.0.1:" + port);
    conf.put("lakefs.sts.credentials.duration.seconds", "900");
    zooKeeper.ifPresent(zk -> {
      conf.put("lakefs.sts.token.store", "zookeeper");
      conf.put("lakefs.sts.zookeeper.connect", zk.getConnectString());
    });
    conf.putAll(extra);
    CredentialsServiceProcess service = CredentialsServiceProcess.start(
        dir.resolve("service-" + started.incrementAndGet()), lakeFS.endpoint(), aws, conf, List.of());
    services.add(service);
    return service;
  }

  LocalAwsProcess aws() {
    return aws;
  }

  /** Where this stack's processes write their output (scanned for secrets by R6). */
  Path dir() {
    return dir;
  }

  /**
   * local-aws's log lines of STS calls, one per call, with the action, session name and outcome (a call refused
   * as down or throttled before it was read shows action and session as "-").
   */
  List<String> stsCalls() throws IOException {
    return aws.processOutput().lines().filter(line -> line.contains(" STS ") && line.contains(" requestId="))
        .toList();
  }

  @Override
  public void close() throws Exception {
    try {
      for (CredentialsServiceProcess service : services) {
        service.close();
      }
    } finally {
      try {
        aws.close();
      } finally {
        try {
          lakeFS.close();
        } finally {
          if (zooKeeper.isPresent()) {
            zooKeeper.get().close();
          }
        }
      }
    }
  }
}
