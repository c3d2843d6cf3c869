package io.lakefs.sts.examples;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes rows as Parquet under an {@code s3a://} path and reads them back, in one or more rounds with a pause
 * between them, so a run can outlast short-lived credentials. It names no lakeFS class: the lakeFS token
 * provider or plugin and the S3A binding are wired in by configuration alone (see spark-integration's README).
 *
 * <pre>spark-submit --class io.lakefs.sts.examples.ParquetRoundTrip examples.jar s3a://bucket/path [rounds] [pause-seconds]</pre>
 */
public final class ParquetRoundTrip {
  private static final long ROWS_PER_ROUND = 10_000;
  private static final int PARTITIONS = 4;

  private ParquetRoundTrip() {
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1 || args.length > 3 || !args[0].startsWith("s3a://")) {
      System.err.println("Usage: ParquetRoundTrip s3a://bucket/path [rounds (default 1)] [pause-seconds between"
          + " rounds (default 0)]");
      System.exit(2);
    }
    String base = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long pauseMillis = args.length > 2 ? Long.parseLong(args[2]) * 1000 : 0;
    SparkSession spark = SparkSession.builder().appName("lakeFS STS Parquet round trip").getOrCreate();
    try {
      for (int round = 1; round <= rounds; round++) {
        if (round > 1) {
          Thread.sleep(pauseMillis);
        }
        String path = base + "/round-" + round;
        spark.range(0, ROWS_PER_ROUND, 1, PARTITIONS).selectExpr("id", "id * " + round + " AS scaled")
            .write().mode(SaveMode.Overwrite).parquet(path);
        Dataset<Row> back = spark.read().parquet(path);
        long count = back.count();
        long sum = back.selectExpr("sum(scaled)").first().getLong(0);
        long expectedSum = round * ROWS_PER_ROUND * (ROWS_PER_ROUND - 1) / 2;
        if (count != ROWS_PER_ROUND || sum != expectedSum) {
          throw new IllegalStateException("round " + round + " read back " + count + " rows summing to " + sum
              + " from " + path + ", expected " + ROWS_PER_ROUND + " rows summing to " + expectedSum);
        }
        System.out.println("ParquetRoundTrip round " + round + "/" + rounds + ": wrote and read back " + count
            + " rows at " + path);
      }
      System.out.println("ParquetRoundTrip succeeded: " + rounds + " round(s) under " + base);
    } finally {
      spark.stop();
    }
  }
}
