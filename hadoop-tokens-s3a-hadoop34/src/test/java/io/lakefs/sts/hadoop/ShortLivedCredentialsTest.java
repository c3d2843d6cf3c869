package io.lakefs.sts.hadoop;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lakefs.sts.hadoop.s3a.BindingConfs;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.testsupport.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * STS credentials that live 15 seconds (local-aws's lifetime knob), refreshed 8 seconds before expiry and given
 * up 3 seconds before: an executor holding only a token keeps reading and writing through several
 * refreshes, takes up a newer token pushed into its credentials without reopening the filesystem, and stops
 * with the service's reason once its token is cancelled.
 */
public class ShortLivedCredentialsTest {
  private static final Duration LIFETIME = Duration.ofSeconds(15);
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("\"accessKeyId\":\"([^\"]+)\"");

  private static ServiceFixture fixture;

  @BeforeClass
  public static void start() throws Exception {
    fixture = ServiceFixture.startWithoutKerberos(LIFETIME);
  }

  @AfterClass
  public static void stop() throws Exception {
    ServiceFixture.stop(fixture);
  }

  private static Configuration driver() {
    Configuration conf = BindingConfs.driver(fixture);
    conf.set(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, "3");
    conf.set(LakeFSTokenKeys.PREFETCH_SECONDS, "8");
    return conf;
  }

  private static Configuration executor() {
    Configuration conf = BindingConfs.executor(fixture);
    conf.set(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, "3");
    conf.set(LakeFSTokenKeys.PREFETCH_SECONDS, "8");
    return conf;
  }

  private static Token<LakeFSTokenIdentifier> obtainToken() throws IOException {
    return new LakeFSTokenIssuer(driver()).getDelegationToken("alice");
  }


  private static void writeAndRead(FileSystem fs, String key) throws IOException {
    byte[] data = key.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = fs.create(fixture.path(key), true)) {
      out.write(data);
    }
    try (InputStream in = fs.open(fixture.path(key))) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  /** The access key ids that signed requests for keys under {@code prefix}, from local-aws's access log. */
  private static Set<String> accessKeyIdsUsedFor(String prefix) throws IOException {
    return fixture.aws().accessLogLines().stream()
        .filter(line -> line.contains("\"key\":\"" + prefix))
        .map(ACCESS_KEY_ID::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .collect(Collectors.toSet());
  }

  private static <T> T as(UserGroupInformation user, PrivilegedExceptionAction<T> action) throws Exception {
    return user.doAs(action);
  }

  @Test
  public void readerKeepsWorkingThroughRefreshesAndTakesUpANewerToken() throws Exception {
    UserGroupInformation executor = UserGroupInformation.createRemoteUser("alice");
    Token<LakeFSTokenIdentifier> first = obtainToken();
    executor.addToken(first.getService(), first);
    String prefix = ServiceFixture.REPO + "/data/refresh/";
    String pushedKeyId = as(executor, () -> {
      try (FileSystem fs = FileSystem.newInstance(fixture.path("").toUri(), executor())) {
        long end = System.nanoTime() + Duration.ofSeconds(24).toNanos();
        String pushed = null;
        for (int i = 0; System.nanoTime() < end; i++) {
          writeAndRead(fs, prefix + "part-" + i);
          if (pushed == null && i == 3) {
            // As Spark does when it re-obtains tokens: a newer token under the same service, same UGI. Pushed
            // about 2 s after the first and before the first refresh (at 7 s), so its embedded credentials
            // outlive the first token's by more than STS's one-second granularity, and are taken up.
            Token<LakeFSTokenIdentifier> newer = obtainToken();
            executor.addToken(newer.getService(), newer);
            pushed = LakeFSTokens.decode(newer).orElseThrow().getCredentials().orElseThrow().accessKeyId();
          }
          Thread.sleep(500);
        }
        return pushed;
      }
    });

    Set<String> used = accessKeyIdsUsedFor(prefix);
    // 24 s of 15 s credentials refreshed 8 s before expiry: the embedded ones, then at least two more.
    assertTrue(used.toString(), used.size() >= 3);
    assertTrue(used + " should include the pushed token's " + pushedKeyId, used.contains(pushedKeyId));
  }

  @Test
  public void cancelledTokenStopsTheReaderWithTheServicesReason() throws Exception {
    UserGroupInformation executor = UserGroupInformation.createRemoteUser("alice");
    Token<LakeFSTokenIdentifier> token = obtainToken();
    executor.addToken(token.getService(), token);
    String prefix = ServiceFixture.REPO + "/data/cancelled/";
    LogCapture log = new LogCapture();
    String failure;
    try {
      failure = as(executor, () -> {
      try (FileSystem fs = FileSystem.newInstance(fixture.path("").toUri(), executor())) {
        writeAndRead(fs, prefix + "before");
        token.cancel(driver());
        long end = System.nanoTime() + LIFETIME.plusSeconds(5).toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
          try {
            writeAndRead(fs, prefix + "after-" + i);
          } catch (IOException e) {
            // Once refused, the filesystem keeps failing for a while without asking the service each time.
            for (int j = 0; j < 10; j++) {
              try {
                writeAndRead(fs, prefix + "again-" + j);
              } catch (IOException again) {
                // expected
              }
            }
            return causes(e);
          }
          Thread.sleep(500);
        }
        return null;
      }
    });
    } finally {
      log.close();
    }

    if (failure == null) {
      fail("the reader kept working after its token was cancelled, past its credentials' lifetime");
    }
    assertTrue(failure, failure.contains("cancelled at") && failure.contains("by alice"));
    TestConfs.assertNoSecret(fixture, failure, LakeFSTokens.decode(token).orElseThrow().getServiceToken().reveal());
    // Failed background refreshes back off (halfway to the stale time), and once the credentials are stale a
    // refusal is remembered for a few seconds: not one call to the service per S3 request.
    long refusals = log.text().lines().filter(line -> line.contains("lakefs.sts.audit")
        && line.contains("cancelled at")).count();
    assertTrue(refusals + " refused refreshes", refusals >= 1 && refusals <= 8);
  }

  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
