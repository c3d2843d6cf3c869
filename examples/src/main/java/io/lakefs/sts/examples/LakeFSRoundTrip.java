package io.lakefs.sts.examples;

import io.lakefs.sts.examples.lakefs.LakeFSObjects;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Writes objects into a lakeFS branch from Spark tasks and reads them back, the way lakeFSFS's simple mode does
 * ({@link LakeFSObjects}): each task asks lakeFS (official SDK, as the user, with the lakeFS login token from the
 * {@code LAKEFS_STS} token) for a physical address under the repository's {@code data/}, writes its part there
 * once through S3A (with the same token's STS credentials) and links it; the driver lists the parts in lakeFS;
 * tasks read each one from the address lakeFS gives. Nothing is renamed or deleted. In rounds with a pause
 * between them, so a run can outlast short-lived credentials. No lakeFS key or AWS key reaches executors: the
 * lakeFS token plugin or provider and S3A's binding are wired in by configuration (spark-integration's README),
 * with {@code fs.s3a.ext.lakefs.login.endpoint} set so the token carries the login.
 *
 * <pre>spark-submit --class io.lakefs.sts.examples.LakeFSRoundTrip examples.jar REPOSITORY BRANCH PREFIX [rounds] [pause-seconds]</pre>
 */
public final class LakeFSRoundTrip {
  static final int PARTS = 4;
  static final long ROWS_PER_PART = 2_500;

  private LakeFSRoundTrip() {
  }

  public static void main(String[] args) throws InterruptedException, IOException {
    if (args.length < 3 || args.length > 5) {
      System.err.println("Usage: LakeFSRoundTrip REPOSITORY BRANCH PREFIX [rounds (default 1)] [pause-seconds"
          + " between rounds (default 0)]");
      System.exit(2);
    }
    String repository = args[0];
    String branch = args[1];
    String prefix = args[2].endsWith("/") ? args[2] : args[2] + "/";
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    long pauseMillis = args.length > 4 ? Long.parseLong(args[4]) * 1000 : 0;
    SparkSession spark = SparkSession.builder().appName("lakeFS STS lakeFSFS-style round trip").getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      // What executors build their Hadoop configuration from (Spark's spark.hadoop.* entries), shipped to tasks.
      Map<String, String> hadoopConf = new HashMap<>();
      for (Tuple2<String, String> entry : spark.sparkContext().getConf().getAllWithPrefix("spark.hadoop.")) {
        hadoopConf.put(entry._1(), entry._2());
      }
      for (int round = 1; round <= rounds; round++) {
        if (round > 1) {
          Thread.sleep(pauseMillis);
        }
        String dir = prefix + "round-" + round + "/";
        int scale = round;
        jsc.parallelize(IntStream.range(0, PARTS).boxed().collect(Collectors.toList()), PARTS)
            .foreach(part -> writePart(hadoopConf, repository, branch, dir + String.format("part-%05d.csv", part),
                part, scale));
        List<String> parts = objects(new Configuration(spark.sparkContext().hadoopConfiguration()))
            .list(repository, branch, dir);
        if (parts.size() != PARTS) {
          throw new IllegalStateException("round " + round + ": lakeFS lists " + parts + " under " + dir
              + ", expected " + PARTS + " parts");
        }
        Tuple2<Long, Long> countAndSum = jsc.parallelize(parts, PARTS)
            .map(path -> readPart(hadoopConf, repository, branch, path))
            .reduce((a, b) -> new Tuple2<>(a._1() + b._1(), a._2() + b._2()));
        long rows = PARTS * ROWS_PER_PART;
        long expectedSum = round * rows * (rows - 1) / 2;
        if (countAndSum._1() != rows || countAndSum._2() != expectedSum) {
          throw new IllegalStateException("round " + round + " read back " + countAndSum._1() + " rows summing to "
              + countAndSum._2() + " from " + repository + "/" + branch + "/" + dir + ", expected " + rows
              + " rows summing to " + expectedSum);
        }
        System.out.println("LakeFSRoundTrip round " + round + "/" + rounds + ": tasks wrote, linked and read back "
            + rows + " rows in " + parts.size() + " objects at " + repository + "/" + branch + "/" + dir);
      }
      System.out.println("LakeFSRoundTrip succeeded: " + rounds + " round(s) under " + repository + "/" + branch
          + "/" + prefix);
    } finally {
      spark.stop();
    }
  }

  /** In a task: lines {@code id,id*scale} for this part's ids, written to lakeFS's address and linked. */
  private static void writePart(Map<String, String> hadoopConf, String repository, String branch, String path,
      int part, int scale) throws IOException {
    StringBuilder lines = new StringBuilder();
    LongStream.range(part * ROWS_PER_PART, (part + 1) * ROWS_PER_PART)
        .forEach(id -> lines.append(id).append(',').append(id * scale).append('\n'));
    try (OutputStream out = objects(configuration(hadoopConf)).create(repository, branch, path)) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** In a task: the number of lines of one part and the sum of their second column. */
  private static Tuple2<Long, Long> readPart(Map<String, String> hadoopConf, String repository, String branch,
      String path) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        objects(configuration(hadoopConf)).open(repository, branch, path), StandardCharsets.UTF_8))) {
      long[] countAndSum = new long[2];
      in.lines().forEach(line -> {
        countAndSum[0]++;
        countAndSum[1] += Long.parseLong(line.substring(line.indexOf(',') + 1));
      });
      return new Tuple2<>(countAndSum[0], countAndSum[1]);
    }
  }

  private static Configuration configuration(Map<String, String> entries) {
    Configuration conf = new Configuration();
    entries.forEach(conf::set);
    return conf;
  }

  /** lakeFS objects as the current user: driver and executors hold the LAKEFS_STS tokens in their UGI. */
  private static LakeFSObjects objects(Configuration conf) throws IOException {
    return new LakeFSObjects(conf, () -> {
      try {
        return UserGroupInformation.getCurrentUser().getCredentials();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, Clock.systemUTC());
  }
}
