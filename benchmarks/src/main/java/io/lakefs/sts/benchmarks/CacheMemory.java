package io.lakefs.sts.benchmarks;

import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.service.scope.StorageNamespace;
import io.lakefs.sts.service.sts.AwsCredentials;
import io.lakefs.sts.service.sts.CachingCredentialsIssuer;
import io.lakefs.sts.service.sts.CredentialsIssuer;
import io.lakefs.sts.service.sts.IssuedCredentials;
import io.lakefs.sts.service.sts.IssuerListener;
import io.lakefs.sts.service.sts.StsSettings;
import io.lakefs.sts.service.tokens.ScopedTokens;
import io.lakefs.sts.service.tokens.TokenStoreSettings;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.io.Text;

/**
 * Heap the service keeps per cached credential and per live delegation token: the heap in use after a full GC,
 * before and after filling the credentials cache ({@link CachingCredentialsIssuer}) or the memory token store with
 * {@value #ENTRIES} entries, each for its own user and repository, divided by that number. The credentials are shaped
 * as local-aws issues them (a 333-character session token; AWS's own, with tags and a policy, are longer). Writes
 * {@code benchmarks/target/memory-results.md}. Usage: {@code CacheMemory}.
 */
public final class CacheMemory {
  /** Under the cache's default bound (10,000), which would start evicting. */
  static final int ENTRIES = 9_000;
  private static final Role ROLE = new Role("arn:aws:iam::123456789012:role/lakefs-sts", Optional.empty());

  /** Bytes per cached credential, and per session policy of one repository (kept once per scope). */
  private record CredentialBytes(double entry, double policy) {
  }

  private CacheMemory() {
  }

  public static void main(String[] args) throws Exception {
    CredentialBytes perCredential = perCredentialEntry();
    double perToken = perLiveToken();
    String report = String.format(Locale.ROOT, "# Memory, %s%n%nJava %s; heap in use after a full GC, %,d entries "
        + "each for its own user and repository.%n%n| what | bytes per entry |%n|---|---|%n"
        + "| cached credential (`CachingCredentialsIssuer`) | %,.0f |%n"
        + "| session policy of one repository, kept once per scope (`RepositoryScopes`) | %,.0f |%n"
        + "| live delegation token (memory store) | %,.0f |%n",
        Instant.now(), System.getProperty("java.version"), ENTRIES, perCredential.entry(), perCredential.policy(), perToken);
    Path out = Path.of("benchmarks", "target", "memory-results.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }

  private static CredentialBytes perCredentialEntry() {
    StsSettings settings = StsSettings.configured(ROLE.arn(), null, "us-east-1", Optional.empty(), Optional.empty(),
        StsSettings.DEFAULT_DURATION, StsSettings.DEFAULT_REFRESH_MARGIN).orElseThrow();
    CredentialsIssuer sts = (user, role, policy, maxDuration) -> new IssuedCredentials(new AwsCredentials(
        String.format(Locale.ROOT, "ASIA%016d", user.hashCode() & 0x7fffffff), Secret.of(random(40)),
        Secret.of("FwoGZXIvYXdzE" + random(320)), Instant.now().plus(maxDuration)), user, user, policy.scope(),
        role.arn());
    long empty = usedAfterGc();
    List<SessionPolicy> policies = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      policies.add(SessionPolicy.forGrants(List.of(new Grant(
          StorageNamespace.ofRepository("repo" + i, "s3://lakefs-data/repo" + i + "/"), AccessLevel.WRITE))));
    }
    long before = usedAfterGc();
    CachingCredentialsIssuer cache = new CachingCredentialsIssuer(sts, settings, Clock.systemUTC(), IssuerListener.NONE,
        Runnable::run);
    for (int i = 0; i < ENTRIES; i++) {
      cache.issue("user" + i, ROLE, policies.get(i), settings.duration());
    }
    long after = usedAfterGc();
    // The policies are not counted: the service keeps them apart from the cache, one per scope, not per user.
    Reference.reachabilityFence(policies);
    Reference.reachabilityFence(cache);
    return new CredentialBytes((after - before) / (double) ENTRIES, (before - empty) / (double) ENTRIES);
  }

  private static double perLiveToken() throws Exception {
    ScopedTokens tokens = ScopedTokens.start(new TokenStoreSettings(Duration.ofDays(7), Duration.ofDays(1),
        Optional.empty()), Optional.empty(), new Text(TokenKinds.LAKEFS_STS_DELEGATION_TOKEN));
    try {
      tokens.issue("warm-up", "yarn", Optional.empty(), "warm-up", scope(-1));
      long before = usedAfterGc();
      for (int i = 0; i < ENTRIES; i++) {
        // Only the store keeps them, as for a token handed to a caller.
        tokens.issue("user" + i, "yarn", Optional.empty(), "user" + i, scope(i));
      }
      long after = usedAfterGc();
      Reference.reachabilityFence(tokens);
      return (after - before) / (double) ENTRIES;
    } finally {
      tokens.close();
    }
  }

  private static ResolvedScope scope(int i) {
    return new ResolvedScope(AccessLevel.READ, Map.of("repo" + i,
        List.of(StorageNamespace.ofRepository("repo" + i, "s3://lakefs-data/repo" + i + "/"))));
  }

  private static String random(int length) {
    StringBuilder text = new StringBuilder(length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      text.append((char) ('A' + random.nextInt(26)));
    }
    return text.toString();
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
