package io.lakefs.sts.localaws;

import static io.lakefs.sts.localaws.LocalAwsContract.FLAG_ACCESS_LOG;
import static io.lakefs.sts.localaws.LocalAwsContract.FLAG_CONFIG;
import static io.lakefs.sts.localaws.LocalAwsContract.FLAG_DATA_DIR;
import static io.lakefs.sts.localaws.LocalAwsContract.FLAG_HELP;
import static io.lakefs.sts.localaws.LocalAwsContract.FLAG_HOST;
import static io.lakefs.sts.localaws.LocalAwsContract.FLAG_S3_PORT;
import static io.lakefs.sts.localaws.LocalAwsContract.FLAG_SESSION_LIFETIME_SECONDS;
import static io.lakefs.sts.localaws.LocalAwsContract.FLAG_STS_PORT;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar local-aws-all.jar [options]}: runs until killed (SIGTERM stops it cleanly). */
public final class LocalAwsMain {
  private static final String USAGE = String.join("\n",
      "Usage: java -jar local-aws-all.jar [options]",
      "A loopback AWS STS + S3 stand-in for tests and demos. NOT for production: keys are fixed, data is",
      "in memory unless --data-dir is given, and only the STS and S3 calls this project makes are served.",
      "",
      "  " + FLAG_CONFIG + " FILE                 accounts, roles, buckets as JSON (default: built-in, see README)",
      "  " + FLAG_HOST + " HOST                   address to listen on (default 127.0.0.1)",
      "  " + FLAG_STS_PORT + " PORT               STS port, 0 = any free port (default 0)",
      "  " + FLAG_S3_PORT + " PORT                S3 port, 0 = any free port (default 0)",
      "  " + FLAG_ACCESS_LOG + " FILE             append one JSON line per S3 request (default: none)",
      "  " + FLAG_DATA_DIR + " DIR                keep objects in DIR instead of memory",
      "  " + FLAG_SESSION_LIFETIME_SECONDS + " N  issued credentials expire after N seconds, whatever",
      "                                  DurationSeconds asked (to watch refreshes happen)",
      "  " + FLAG_HELP + "                        this text",
      "",
      "Once listening it prints: " + LocalAwsContract.READY_PREFIX + "sts=URL s3=URL");

  private LocalAwsMain() {
  }

  public static void main(String[] args) throws Exception {
    // Before any HttpServer exists: it writes headers and body apart, and with Nagle's algorithm each answer
    // would wait ~40 ms for a delayed ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    LocalAwsConfig config;
    LocalAwsServer.Options options;
    try {
      Map<String, String> flags = parse(args);
      if (flags.containsKey(FLAG_HELP)) {
        System.out.println(USAGE);
        return;
      }
      config = flags.containsKey(FLAG_CONFIG)
          ? LocalAwsConfig.load(Path.of(flags.get(FLAG_CONFIG))) : LocalAwsConfig.defaults();
      options = new LocalAwsServer.Options(
          flags.getOrDefault(FLAG_HOST, "127.0.0.1"),
          port(flags, FLAG_STS_PORT),
          port(flags, FLAG_S3_PORT),
          Optional.ofNullable(flags.get(FLAG_ACCESS_LOG)).map(Path::of),
          Optional.ofNullable(flags.get(FLAG_DATA_DIR)).map(Path::of),
          Optional.ofNullable(flags.get(FLAG_SESSION_LIFETIME_SECONDS))
              .map(s -> Duration.ofSeconds(positive(FLAG_SESSION_LIFETIME_SECONDS, s))));
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("local-aws: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }

    LocalAwsServer server = LocalAwsServer.start(config, options, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("local-aws: error while stopping: " + e);
      } finally {
        stopped.countDown();
      }
    }, "local-aws-shutdown"));
    System.out.println(LocalAwsContract.READY_PREFIX + "sts=" + server.stsEndpoint() + " s3=" + server.s3Endpoint());
    System.out.flush();
    stopped.await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case FLAG_HELP -> flags.put(flag, "");
        case FLAG_CONFIG, FLAG_HOST, FLAG_STS_PORT, FLAG_S3_PORT, FLAG_ACCESS_LOG, FLAG_DATA_DIR,
            FLAG_SESSION_LIFETIME_SECONDS -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
          }
          flags.put(flag, args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    return flags;
  }

  private static int port(Map<String, String> flags, String flag) {
    String value = flags.getOrDefault(flag, "0");
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a port number 0-65535, was '" + value + "'");
    }
  }

  private static long positive(String flag, String value) {
    try {
      long n = Long.parseLong(value);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a positive whole number, was '" + value + "'");
    }
  }
}
