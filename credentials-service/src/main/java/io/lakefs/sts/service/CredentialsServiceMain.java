package io.lakefs.sts.service;

import io.lakefs.sts.service.tokens.ZooKeeperUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import sun.misc.Signal;

/**
 * {@code lakefs-sts-service --config lakefs-sts-site.xml}: runs until SIGTERM or SIGINT, then lets requests in flight
 * finish and exits 0.
 */
public final class CredentialsServiceMain {
  static final String USAGE = String.join("\n",
      "Usage: lakefs-sts-service --config FILE",
      "Runs the lakeFS STS credentials service: it authenticates lakeFS users and issues them short-lived AWS",
      "credentials scoped to the lakeFS repositories they may access.",
      "",
      "  --config FILE   Hadoop-style XML configuration (lakefs-sts-site.xml); keys are listed in the README",
      "  --help          this text");

  private CredentialsServiceMain() {
  }

  public static void main(String[] args) throws Exception {
    ServiceConfig config;
    try {
      config = ServiceConfig.from(configuration(args));
    } catch (IllegalArgumentException e) {
      System.err.println("lakefs-sts-service: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    } catch (HelpRequested e) {
      System.out.println(USAGE);
      return;
    }
    CredentialsService service;
    try {
      service = CredentialsService.start(config, Clock.systemUTC());
    } catch (ZooKeeperUnavailableException e) {
      System.err.println("lakefs-sts-service: " + e.getMessage());
      System.exit(1);
      return;
    }
    // SIGTERM (systemd, kill) and SIGINT (Ctrl-C) stop the service cleanly: no new connections, requests in flight
    // finish, exit status 0. Handled as signals rather than in a shutdown hook, after which the JVM exits 143.
    CountDownLatch stopRequested = new CountDownLatch(1);
    for (String signal : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(signal), received -> stopRequested.countDown());
    }
    System.out.println("lakefs-sts-service listening on " + service.endpoint());
    stopRequested.await();
    System.out.println("lakefs-sts-service stopping: finishing the requests in flight");
    try {
      service.close();
    } catch (Exception e) {
      System.err.println("lakefs-sts-service: error while stopping: " + e);
      System.exit(1);
    }
    System.out.println("lakefs-sts-service stopped");
    System.exit(0);
  }

  private static final class HelpRequested extends Exception {
  }

  private static Configuration configuration(String[] args) throws HelpRequested {
    if (args.length == 1 && args[0].equals("--help")) {
      throw new HelpRequested();
    }
    if (args.length != 2 || !args[0].equals("--config")) {
      throw new IllegalArgumentException("expected --config FILE, got " + String.join(" ", args));
    }
    Path file = Path.of(args[1]);
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read the configuration file " + file);
    }
    Configuration conf = new Configuration(false);
    conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
    return conf;
  }
}
