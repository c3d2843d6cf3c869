package io.lakefs.sts.compat;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * STS credentials that live 15 seconds (local-aws's lifetime knob), refreshed from 8 seconds before expiry and
 * given up 3 seconds before: an executor of this line holding only a token keeps writing and reading through
 * several refreshes of this line's S3A credentials provider, and takes up a newer token pushed into its
 * credentials (as Spark pushes re-obtained tokens) without reopening the filesystem.
 */
public class RefreshAcrossExpiryTest {
  private static final Duration LIFETIME = Duration.ofSeconds(15);
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("\"accessKeyId\":\"([^\"]+)\"");

  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static LineStack stack;

  @BeforeClass
  public static void start() throws Exception {
    // Hadoop's default, simple authentication: each test class has a JVM of its own (reuseForks=false).
    stack = LineStack.start(dir.getRoot().toPath(), LIFETIME, Map.of(), List.of());
  }

  @AfterClass
  public static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  private static Configuration withShortSchedule(Configuration conf) {
    conf.set(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, "3");
    conf.set(LakeFSTokenKeys.PREFETCH_SECONDS, "8");
    return conf;
  }

  private static Token<LakeFSTokenIdentifier> obtainToken() throws Exception {
    return new LakeFSTokenIssuer(withShortSchedule(stack.driver())).getDelegationToken("alice");
  }

  @Test
  public void executorKeepsWorkingThroughRefreshesAndTakesUpAPushedNewerToken() throws Exception {
    UserGroupInformation executor = UserGroupInformation.createRemoteUser("alice");
    Token<LakeFSTokenIdentifier> first = obtainToken();
    executor.addToken(first.getService(), first);
    String prefix = LineStack.REPO + "/data/refresh/";
    String pushedKeyId = executor.doAs((PrivilegedExceptionAction<String>) () -> {
      try (FileSystem fs = FileSystem.newInstance(stack.path("").toUri(), withShortSchedule(stack.executor()))) {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(24).toNanos();
        String pushed = null;
        for (int i = 0; System.nanoTime() < end; i++) {
          byte[] data = (prefix + i).getBytes(StandardCharsets.UTF_8);
          assertArrayEquals(data, stack.writeAndRead(fs, prefix + "part-" + i, data));
          if (pushed == null && System.nanoTime() - start > Duration.ofMillis(2500).toNanos()) {
            // Over 2 s after the first token and before its first refresh (at 7 s), whatever the machine's
            // speed: its embedded credentials outlive the first token's by more than STS's one-second
            // granularity, so they are taken up.
            Token<LakeFSTokenIdentifier> newer = obtainToken();
            executor.addToken(newer.getService(), newer);
            pushed = LakeFSTokens.decode(newer).orElseThrow().getCredentials().orElseThrow().accessKeyId();
          }
          Thread.sleep(500);
        }
        return pushed;
      }
    });

    Set<String> used = stack.aws().accessLogLines().stream()
        .filter(line -> line.contains("\"key\":\"" + prefix))
        .map(ACCESS_KEY_ID::matcher).filter(Matcher::find).map(m -> m.group(1))
        .collect(Collectors.toSet());
    // 24 s of 15 s credentials refreshed 8 s before expiry: the embedded ones, then at least two more.
    assertTrue(used.toString(), used.size() >= 3);
    assertTrue(used + " should include the pushed token's " + pushedKeyId, used.contains(pushedKeyId));
  }
}
