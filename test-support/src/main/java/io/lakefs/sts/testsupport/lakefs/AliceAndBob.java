package io.lakefs.sts.testsupport.lakefs;

import java.util.Objects;

/**
 * The lakeFS world most tests run in: alice reads and writes her repository, bob his, and neither the other's; each
 * repository's storage namespace is a prefix of the same bucket. Who runs it chooses the keys (a module's own
 * secrets show where a leak came from) and, for a story, the repositories' names.
 */
public record AliceAndBob(StandInUser alice, String aliceRepository, StandInUser bob, String bobRepository) {
  public static final String ALICE = "alice";
  public static final String BOB = "bob";
  public static final String DEFAULT_ALICE_REPOSITORY = "repo1";
  public static final String DEFAULT_BOB_REPOSITORY = "repo2";

  public AliceAndBob {
    Objects.requireNonNull(alice, "alice");
    Objects.requireNonNull(aliceRepository, "aliceRepository");
    Objects.requireNonNull(bob, "bob");
    Objects.requireNonNull(bobRepository, "bobRepository");
  }

  /** alice in {@value #DEFAULT_ALICE_REPOSITORY}, bob in {@value #DEFAULT_BOB_REPOSITORY}, with these keys. */
  public static AliceAndBob withKeys(String aliceKey, String aliceSecret, String bobKey, String bobSecret) {
    return new AliceAndBob(StandInUser.of(ALICE, aliceKey, aliceSecret), DEFAULT_ALICE_REPOSITORY,
        StandInUser.of(BOB, bobKey, bobSecret), DEFAULT_BOB_REPOSITORY);
  }

  /** The same users in repositories of other names. */
  public AliceAndBob inRepositories(String aliceRepository, String bobRepository) {
    return new AliceAndBob(alice, aliceRepository, bob, bobRepository);
  }

  /** Where lakeFS keeps a repository's data: {@code s3://BUCKET/REPOSITORY/}. */
  public static String namespace(String bucket, String repository) {
    return "s3://" + bucket + "/" + repository + "/";
  }

  /**
   * A stand-in with both users and both repositories in {@code bucket}, each user granted lakeFS's FSReadWrite on
   * their own; a test adds what else it needs before starting it.
   */
  public LakeFSStandIn.Builder standIn(String bucket) {
    return LakeFSStandIn.builder()
        .user(alice)
        .user(bob)
        .repository(aliceRepository, namespace(bucket, aliceRepository))
        .repository(bobRepository, namespace(bucket, bobRepository))
        .grant(ALICE, aliceRepository)
        .grant(BOB, bobRepository);
  }
}
