package io.lakefs.sts.spark;

import io.lakefs.sts.examples.lakefs.LakeFSObjects;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

/**
 * A test job (submitted like the example): a task writes and links one lakeFS object the lakeFSFS way, then,
 * when the test says lakeFS is down (so the driver cannot obtain newer tokens), the driver cancels the lakeFS
 * token it holds as any holder may (no lakeFS key), waits until every STS credential issued before has expired,
 * and has tasks (only tasks, so that the failure is the executors') list the namespace's {@code data/} through
 * S3A, which must fail saying why.
 * Arguments: {@code repository branch path s3a://bucket/namespace/data/ go-file seconds-to-wait}.
 */
public final class CancelMidJob {
  static final String WROTE_ONCE = "CancelMidJob: first write done";
  static final String CANCELLED = "CancelMidJob: token cancelled";

  private CancelMidJob() {
  }

  public static void main(String[] args) throws Exception {
    String repository = args[0];
    String branch = args[1];
    String object = args[2];
    String data = args[3];
    Path go = Path.of(args[4]);
    Duration wait = Duration.ofSeconds(Long.parseLong(args[5]));
    SparkSession spark = SparkSession.builder().appName("lakeFS token cancelled mid-job").getOrCreate();
    try {
      spark.range(0, 1, 1, 1).toJavaRDD().foreach(id -> {
        Configuration conf = SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
        LakeFSObjects objects = new LakeFSObjects(conf, CancelMidJob::currentCredentials, Clock.systemUTC());
        try (OutputStream out = objects.create(repository, branch, object)) {
          out.write("written before the cancellation\n".getBytes(StandardCharsets.UTF_8));
        }
      });
      System.out.println(WROTE_ONCE);
      Instant deadline = Instant.now().plusSeconds(60);
      while (!Files.exists(go) && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      for (Token<?> token : UserGroupInformation.getCurrentUser().getCredentials().getAllTokens()) {
        if (TokenKinds.LAKEFS_STS.equals(token.getKind().toString())) {
          cancel(LakeFSTokens.decode(token).orElseThrow());
        }
      }
      System.out.println(CANCELLED);
      Thread.sleep(wait.toMillis());
      spark.range(0, 2, 1, 2).toJavaRDD().foreach(id -> {
        Configuration conf = SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(data);
        path.getFileSystem(conf).listStatus(path);
      });
      System.out.println("CancelMidJob: tasks read after the cancellation");
    } finally {
      spark.stop();
    }
  }

  private static Credentials currentCredentials() {
    try {
      return UserGroupInformation.getCurrentUser().getCredentials();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void cancel(LakeFSTokenIdentifier identifier) throws Exception {
    URI endpoint = identifier.getServiceEndpoints().get(0);
    URI cancel = URI.create(endpoint + "/api/v1/delegation-token?op=CANCELDELEGATIONTOKEN&token="
        + URLEncoder.encode(identifier.getServiceToken().reveal(), StandardCharsets.UTF_8));
    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(cancel).PUT(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("cancelling the token answered " + answer.statusCode() + ": " + answer.body());
    }
  }
}
