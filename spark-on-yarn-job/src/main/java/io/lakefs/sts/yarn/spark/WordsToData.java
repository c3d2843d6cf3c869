package io.lakefs.sts.yarn.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.SparkHadoopUtil;
import scala.Tuple2;

/**
 * Counts the words of the text files in an S3A directory, writes each partition's counts as one new object under
 * {@code OUTPUT} (a plain PUT, never overwritten, renamed or deleted: what data clients may do under a lakeFS
 * storage namespace's {@code data/}) and all counts, sorted, to a file on the driver's local disk. Pauses before
 * ending so the ResourceManager's renewals come due while the application runs. The files are listed on the driver
 * and read on executors with Hadoop's FileSystem API, not {@code textFile}: with Kerberos, Hadoop input formats ask
 * every input file system for a token of its own ({@code TokenCache}), and S3A would then ask the service for another
 * token with the lakeFS key, which only the token provider holds (see yarn-tests' README).
 *
 * <pre>
 * spark-submit --class io.lakefs.sts.yarn.spark.WordsToData JAR s3a://BUCKET/INPUT s3a://BUCKET/OUTPUT LOCAL_FILE \
 *     PAUSE_SECONDS
 * </pre>
 */
public final class WordsToData {
  private static final int PARTITIONS = 2;

  private WordsToData() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 4) {
      System.err.println("Usage: WordsToData s3a://BUCKET/INPUT s3a://BUCKET/OUTPUT LOCAL_FILE PAUSE_SECONDS");
      System.exit(2);
    }
    String output = args[1];
    try (JavaSparkContext spark = new JavaSparkContext()) {
      List<String> files = new ArrayList<>();
      org.apache.hadoop.fs.Path input = new org.apache.hadoop.fs.Path(args[0]);
      for (FileStatus file : input.getFileSystem(spark.hadoopConfiguration()).listStatus(input)) {
        files.add(file.getPath().toString());
      }
      List<String> counts = spark.parallelize(files, PARTITIONS).flatMap(WordsToData::words)
          .mapToPair(word -> new Tuple2<>(word, 1)).reduceByKey(Integer::sum, PARTITIONS)
          .map(count -> count._1() + "=" + count._2())
          .mapPartitionsWithIndex((partition, lines) -> writeOnce(output + "/part-" + partition, lines), false)
          .collect();
      List<String> sorted = new ArrayList<>(counts);
      sorted.sort(null);
      Files.write(Path.of(args[2]), sorted, StandardCharsets.UTF_8);
      Thread.sleep(Long.parseLong(args[3]) * 1000);
    }
  }

  /** The words of the file at {@code path}, read with the executor's Hadoop configuration. */
  private static Iterator<String> words(String path) throws IOException {
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path);
    try (InputStream in = file.getFileSystem(executorConf()).open(file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("\\s+")).filter(word -> !word.isEmpty()).toList().iterator();
    }
  }

  private static Configuration executorConf() {
    return SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
  }

  /** Writes {@code lines} as one new object at {@code path} with the executor's Hadoop configuration; returns them. */
  private static Iterator<String> writeOnce(String path, Iterator<String> lines) throws IOException {
    List<String> all = new ArrayList<>();
    lines.forEachRemaining(all::add);
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path);
    FileSystem fs = target.getFileSystem(executorConf());
    try (OutputStream out = fs.create(target, false)) {
      out.write(String.join("\n", all).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
    return all.iterator();
  }
}
