package io.lakefs.sts.service.sts;

import static io.lakefs.sts.service.scope.AccessLevel.READ;
import static io.lakefs.sts.service.scope.AccessLevel.WRITE;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.A_DAY;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.assumeRoleCalls;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.policy;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.settings;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/** {@link CachingCredentialsIssuer} in front of {@link StsCredentialsIssuer}, against local-aws's STS. */
public class CachingCredentialsIssuerTest {
  private static final SessionPolicy REPO1_WRITE = policy("s3://lakefs-data/repo1/", WRITE);
  private static LocalAwsProcess aws;

  private final CountingListener listener = new CountingListener();
  private final CountDownLatch stsCalled = new CountDownLatch(1);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private StsSettings settings;
  private StsClient client;

  @BeforeClass
  public static void startLocalAws() throws Exception {
    aws = LocalAwsProcess.builder().start();
  }

  @AfterClass
  public static void stopLocalAws() throws Exception {
    if (aws != null) {
      aws.close();
    }
  }

  @Before
  public void createClient() {
    settings = settings(aws).build();
    StsClient real = StsClientFactory.create(settings);
    // The real client, noting when a call has started, so a test can act while that call is in flight.
    client = new StsClient() {
      @Override
      public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
        stsCalled.countDown();
        return real.assumeRole(request);
      }

      @Override
      public String serviceName() {
        return real.serviceName();
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }

  @After
  public void cleanUp() throws Exception {
    threads.shutdownNow();
    client.close();
    aws.resetStsFaults();
  }

  @Test
  public void repeatedRequestsForOneUserAndPolicyAreServedFromTheCache() {
    CachingCredentialsIssuer issuer = issuer(new MutableClock());
    IssuedCredentials first = issuer.issue("alice", settings.defaultRole(), REPO1_WRITE, A_DAY);
    IssuedCredentials second = issuer.issue("alice", settings.defaultRole(), REPO1_WRITE, A_DAY);

    assertEquals(first.credentials().accessKeyId(), second.credentials().accessKeyId());
    assertEquals(1, listener.issued.get());
    assertEquals(1, listener.cacheHits.get());
  }

  @Test
  public void credentialsAreReissuedOnceLessThanTheRefreshMarginIsLeft() {
    MutableClock clock = new MutableClock();
    CachingCredentialsIssuer issuer = issuer(clock);
    String first = issuer.issue("alice", settings.defaultRole(), REPO1_WRITE, A_DAY).credentials().accessKeyId();

    clock.advance(Duration.ofMinutes(54));
    assertEquals("6 minutes left: still served", first,
        issuer.issue("alice", settings.defaultRole(), REPO1_WRITE, A_DAY).credentials().accessKeyId());
    clock.advance(Duration.ofMinutes(2));
    String renewed = issuer.issue("alice", settings.defaultRole(), REPO1_WRITE, A_DAY).credentials().accessKeyId();
    assertNotEquals("4 minutes left, under the 5-minute margin: re-issued", first, renewed);
    assertEquals(2, listener.issued.get());
    assertEquals(1, listener.cacheHits.get());
  }

  @Test
  public void anotherUserOrAnotherScopeGetsItsOwnCredentials() {
    CachingCredentialsIssuer issuer = issuer(new MutableClock());
    Set<String> keys = Set.of(
        issuer.issue("alice", settings.defaultRole(), REPO1_WRITE, A_DAY).credentials().accessKeyId(),
        issuer.issue("bob", settings.defaultRole(), REPO1_WRITE, A_DAY).credentials().accessKeyId(),
        issuer.issue("alice", settings.defaultRole(), policy("s3://lakefs-data/repo1/", READ), A_DAY).credentials().accessKeyId(),
        issuer.issue("alice", settings.defaultRole(), policy("s3://lakefs-data/repo2/", WRITE), A_DAY).credentials().accessKeyId());
    assertEquals(4, keys.size());
    assertEquals(4, listener.issued.get());
  }

  @Test
  public void concurrentRequestsForOneKeyShareOneStsCall() throws Exception {
    aws.setStsFaults(Map.of("delayMillis", "1000"));
    CachingCredentialsIssuer issuer = issuer(new MutableClock());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<IssuedCredentials>> requests = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      requests.add(threads.submit(() -> {
        start.await();
        return issuer.issue("carol", settings.defaultRole(), REPO1_WRITE, A_DAY);
      }));
    }
    start.countDown();

    Set<String> keyIds = new HashSet<>();
    for (Future<IssuedCredentials> request : requests) {
      keyIds.add(request.get(30, TimeUnit.SECONDS).credentials().accessKeyId());
    }
    assertEquals(1, keyIds.size());
    assertEquals(1, listener.stsCalls());
    assertEquals(7, listener.sharedCalls.get() + listener.cacheHits.get());
    assertEquals("STS itself saw one call", 1, assumeRoleCalls(aws, "carol"));
  }

  @Test
  public void slowStsCallForOneUserDoesNotDelayAnotherUser() throws Exception {
    CachingCredentialsIssuer issuer = issuer(new MutableClock());
    issuer.issue("warm-up", settings.defaultRole(), REPO1_WRITE, A_DAY);
    aws.setStsFaults(Map.of("delayMillis", "5000"));
    Future<IssuedCredentials> slow = threads.submit(() -> issuer.issue("dave", settings.defaultRole(), REPO1_WRITE, A_DAY));
    assertTrue(stsCalled.await(10, TimeUnit.SECONDS));
    Thread.sleep(500); // dave's request reaches local-aws, which holds its answer for 5 s
    aws.resetStsFaults();

    long start = System.nanoTime();
    IssuedCredentials erin = issuer.issue("erin", settings.defaultRole(), REPO1_WRITE, A_DAY);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals("erin", erin.sessionName());
    assertTrue("erin waited " + took.toMillis() + " ms", took.compareTo(Duration.ofSeconds(3)) < 0);
    assertFalse("dave's call is still in flight", slow.isDone());
    assertEquals("dave", slow.get(30, TimeUnit.SECONDS).sessionName());
  }

  @Test
  public void failuresAreNotCached() throws Exception {
    CachingCredentialsIssuer issuer = issuer(new MutableClock());
    aws.setStsFaults(Map.of("down", "true"));
    assertThrows(StsUnavailableException.class, () -> issuer.issue("frank", settings.defaultRole(), REPO1_WRITE, A_DAY));
    aws.resetStsFaults();

    assertEquals("frank", issuer.issue("frank", settings.defaultRole(), REPO1_WRITE, A_DAY).sessionName());
    assertEquals(1, listener.errors("ServiceUnavailable"));
    assertEquals(1, listener.issued.get());
  }

  @Test
  public void tokenEndingBeforeAFullCredentialGetsSharedCredentialsThatEndWithIt() {
    // Half a minute into a minute, so "now + 30 min" and "now + 29 min 55 s" end in the same minute.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
    CachingCredentialsIssuer issuer = issuer(new MutableClock(now));
    IssuedCredentials full = issuer.issue("grace", settings.defaultRole(), REPO1_WRITE, A_DAY);

    IssuedCredentials capped = issuer.issue("grace", settings.defaultRole(), REPO1_WRITE, Duration.ofMinutes(30));
    IssuedCredentials sameToken = issuer.issue("grace", settings.defaultRole(), REPO1_WRITE, Duration.ofMinutes(30).minusSeconds(5));

    assertNotEquals("the full-length credentials would outlive the token",
        full.credentials().accessKeyId(), capped.credentials().accessKeyId());
    assertFalse(capped.expiration().isAfter(Instant.now().plus(Duration.ofMinutes(30))));
    assertEquals(capped.credentials().accessKeyId(), sameToken.credentials().accessKeyId());
    assertEquals(2, listener.issued.get());
  }

  private CachingCredentialsIssuer issuer(MutableClock clock) {
    return new CachingCredentialsIssuer(new StsCredentialsIssuer(settings, client, listener), settings, clock,
        listener, Runnable::run);
  }
}
