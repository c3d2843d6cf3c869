package io.lakefs.sts.compat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The Spark job {@link SparkLocalClusterTest} submits: each task writes one object under {@code BASE} through
 * S3A on its executor, with the executor's Hadoop settings ({@code spark.hadoop.*}) and whatever credentials the
 * executor's user holds; the driver then reads every object back. Arguments: {@code BASE PARTS}.
 */
public final class LineJob {
  static final String SUCCEEDED = "LineJob succeeded: ";

  private LineJob() {
  }

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
    int parts = Integer.parseInt(args[1]);
    SparkConf sparkConf = new SparkConf();
    HashMap<String, String> hadoop = new HashMap<>();
    for (Tuple2<String, String> setting : sparkConf.getAllWithPrefix("spark.hadoop.")) {
      hadoop.put(setting._1(), setting._2());
    }
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      indexes.add(i);
    }
    try (JavaSparkContext spark = new JavaSparkContext(sparkConf)) {
      List<Integer> written = spark.parallelize(indexes, parts).map(i -> {
        try (FileSystem fs = FileSystem.newInstance(base, configuration(hadoop));
             FSDataOutputStream out = fs.create(new Path(base.resolve("part-" + i)), true)) {
          out.write(("part " + i).getBytes(StandardCharsets.UTF_8));
        }
        return i;
      }).collect();
      try (FileSystem fs = FileSystem.newInstance(base, spark.hadoopConfiguration())) {
        for (int i : written) {
          byte[] read = new byte[64];
          int n;
          try (java.io.InputStream in = fs.open(new Path(base.resolve("part-" + i)))) {
            n = in.read(read);
          }
          String text = new String(Arrays.copyOf(read, Math.max(n, 0)), StandardCharsets.UTF_8);
          if (!text.equals("part " + i)) {
            throw new IllegalStateException("part " + i + " reads back as '" + text + "'");
          }
        }
      }
      System.out.println(SUCCEEDED + written.size() + " parts on Spark " + spark.version());
    }
  }

  private static Configuration configuration(Map<String, String> settings) {
    Configuration conf = new Configuration();
    settings.forEach(conf::set);
    return conf;
  }
}
