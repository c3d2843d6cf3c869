package io.lakefs.sts.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * P4 of {@code benchmarks/README.md}: S3A (hadoop-aws, as jobs use it) writing and reading objects on local-aws's S3
 * with the session credentials the service issues (scoped by a session policy, which S3 evaluates on every request)
 * against the same S3A with the IAM user's static keys. Runs alternate between the two, in alternating order, so
 * drift on a shared machine falls on both; the answer is each side's median MB/s, its spread, and the ratio of the
 * medians. Usage: {@code S3AThroughputComparison [RUNS [LARGE_MB]]} (default 7 runs of 200 MB, the size issue 17's
 * goal names; local-aws keeps objects in memory, so its heap grows with them). Writes
 * {@code benchmarks/target/s3a-results.md}.
 */
public final class S3AThroughputComparison {
  private static final String KEY = "AKIAS3ABENCHALICE001";
  private static final String SECRET = "s3a-benchmark-secret-loopback-only";
  private static final int SMALL_BYTES = 1 << 20;
  private static final int SMALL_OBJECTS = 16;

  private S3AThroughputComparison() {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int largeMegabytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int largeBytes = largeMegabytes << 20;
    java.nio.file.Path work = Files.createDirectories(java.nio.file.Path.of("benchmarks", "target", "s3a"));
    StringBuilder report = new StringBuilder();
    // Both arms' objects, and a multipart upload's parts while they are joined.
    try (LocalAwsProcess aws = LocalAwsProcess.builder().heapMegabytes(Math.max(512, 10 * largeMegabytes)).start();
        LakeFSStandIn lakeFS = LakeFSStandIn.builder().user("alice", KEY, SECRET)
            .repository("data", "s3://" + aws.bucket() + "/data/").grant("alice", "data").start();
        CredentialsServiceProcess service = CredentialsServiceProcess.start(work.resolve("service"),
            lakeFS.endpoint(), aws, Map.of(), List.of())) {
      JsonNode issued = issue(service);
      Map<String, FileSystem> arms = new LinkedHashMap<>();
      arms.put("lakeFS-issued session credentials", s3a(aws, "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
          issued.get("access_key_id").asText(), issued.get("secret_access_key").asText(),
          issued.get("session_token").asText()));
      arms.put("static keys", s3a(aws, "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider", aws.accessKeyId(),
          aws.secretAccessKey(), null));
      byte[] small = random(SMALL_BYTES);
      byte[] large = random(largeBytes);
      // Where lakeFS keeps a repository's objects (<namespace>/data/), the only prefix write credentials may write.
      Path base = new Path("s3a://" + aws.bucket() + "/data/data/p4/");
      Map<String, Map<String, List<Double>>> mbPerSecond = new LinkedHashMap<>();
      List<String> names = new ArrayList<>(arms.keySet());
      for (int run = 0; run <= runs; run++) { // run 0 warms both up and is not counted
        List<String> order = new ArrayList<>(names);
        if (run % 2 == 1) {
          Collections.reverse(order);
        }
        for (String arm : order) {
          FileSystem fs = arms.get(arm);
          Path dir = new Path(base, arm.replace(' ', '-')); // overwritten each run: the credentials may not delete
          Map<String, Double> figures = new LinkedHashMap<>();
          figures.put("write 1 MB", write(fs, dir, "small", small, SMALL_OBJECTS));
          figures.put("read 1 MB", read(fs, dir, "small", small.length, SMALL_OBJECTS));
          figures.put("write " + (largeBytes >> 20) + " MB", write(fs, dir, "large", large, 1));
          figures.put("read " + (largeBytes >> 20) + " MB", read(fs, dir, "large", large.length, 1));
          if (run > 0) {
            figures.forEach((what, value) -> mbPerSecond.computeIfAbsent(what, k -> new LinkedHashMap<>())
                .computeIfAbsent(arm, k -> new ArrayList<>()).add(value));
          }
          System.out.println("run " + run + " " + arm + ": " + figures);
        }
      }
      for (FileSystem fs : arms.values()) {
        fs.close();
      }
      report.append("# S3A throughput, ").append(Instant.now()).append("\n\n").append(runs)
          .append(" alternating runs after one warm-up run; 1 MB: ").append(SMALL_OBJECTS)
          .append(" objects per run, one after another. MB/s: median (min–max). Paired: each run's ratio of the two"
              + " arms, which ran one after the other (drift of the machine cancels), median and quartiles.\n\n")
          .append("| operation | ").append(names.get(0)).append(" | ").append(names.get(1))
          .append(" | ratio of medians | paired ratio (quartiles) |\n|---|---|---|---|---|\n");
      mbPerSecond.forEach((what, byArm) -> {
        List<Double> sessionArm = byArm.get(names.get(0));
        List<Double> staticArm = byArm.get(names.get(1));
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < sessionArm.size(); i++) {
          paired.add(sessionArm.get(i) / staticArm.get(i));
        }
        Collections.sort(paired);
        report.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f (%.2f–%.2f) |%n", what,
            spread(sessionArm), spread(staticArm), median(sessionArm) / median(staticArm), median(paired),
            paired.get(paired.size() / 4), paired.get(paired.size() * 3 / 4)));
      });
    }
    java.nio.file.Path out = java.nio.file.Path.of("benchmarks", "target", "s3a-results.md");
    Files.writeString(out, report);
    System.out.println(report);
    System.out.println("written to " + out.toAbsolutePath());
  }

  private static JsonNode issue(CredentialsServiceProcess service) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            service.endpoint().resolve("/api/v1/credentials"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET)
            .getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"data\"], \"access\": \"write\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("the service answered " + answer.statusCode() + ": " + answer.body());
    }
    return new ObjectMapper().readTree(answer.body());
  }

  private static FileSystem s3a(LocalAwsProcess aws, String provider, String accessKey, String secretKey,
      String sessionToken) throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", aws.s3Endpoint().toString());
    conf.set("fs.s3a.endpoint.region", aws.region());
    conf.setBoolean("fs.s3a.path.style.access", true);
    conf.setBoolean("fs.s3a.connection.ssl.enabled", false);
    conf.set("fs.s3a.aws.credentials.provider", provider);
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    if (sessionToken != null) {
      conf.set("fs.s3a.session.token", sessionToken);
    }
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    return FileSystem.get(new Path("s3a://" + aws.bucket() + "/").toUri(), conf);
  }

  private static double write(FileSystem fs, Path dir, String name, byte[] data, int objects) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < objects; i++) {
      try (FSDataOutputStream out = fs.create(new Path(dir, name + i), true)) {
        out.write(data);
      }
    }
    return mbPerSecond((long) data.length * objects, System.nanoTime() - start);
  }

  private static double read(FileSystem fs, Path dir, String name, int length, int objects) throws Exception {
    byte[] buffer = new byte[length];
    long start = System.nanoTime();
    for (int i = 0; i < objects; i++) {
      try (FSDataInputStream in = fs.open(new Path(dir, name + i))) {
        in.readFully(buffer);
      }
    }
    return mbPerSecond((long) length * objects, System.nanoTime() - start);
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1048576.0 / (nanos / 1e9);
  }

  private static byte[] random(int bytes) {
    byte[] data = new byte[bytes];
    new Random(17).nextBytes(data);
    return data;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static String spread(List<Double> values) {
    return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", median(values),
        values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }
}
