package io.lakefs.sts.service.scope;

import static io.lakefs.sts.service.scope.AccessLevel.GC;
import static io.lakefs.sts.service.scope.AccessLevel.READ;
import static io.lakefs.sts.service.scope.AccessLevel.WRITE;
import static io.lakefs.sts.service.scope.StorageNamespaceTest.assertContains;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

public class SessionPolicyTest {
  private static final String GET = "s3:GetObject";
  private static final String LIST = "s3:ListBucket";
  private static final List<String> OBJECT_WRITE_ACTIONS = List.of("s3:PutObject", "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts");
  private static final String DELETE = "s3:DeleteObject";
  private static final String KEY_1 = "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111";
  private static final String KEY_2 = "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222";
  /** Actions no grant ever allows; the policy must not allow them either. */
  private static final List<String> OTHER_OBJECT_ACTIONS = List.of("s3:PutObjectAcl", "s3:GetObjectVersion");

  @Test
  public void readGrantAllowsGettingAndListingTheNamespaceOnly() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://lakefs-data/repo1/", READ)));
    assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::lakefs-data/repo1/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::lakefs-data\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::lakefs-data\"],"
        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"repo1/\",\"repo1/*\"]}}}]}", policy.json());
  }

  @Test
  public void writeGrantAddsUploadsUnderDataOnlyAndNeverDelete() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://lakefs-data/repo1", WRITE)));
    assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::lakefs-data/repo1/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:AbortMultipartUpload\",\"s3:ListMultipartUploadParts\","
        + "\"s3:PutObject\"],\"Resource\":[\"arn:aws:s3:::lakefs-data/repo1/data/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::lakefs-data\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::lakefs-data\"],"
        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"repo1/\",\"repo1/*\"]}}}]}", policy.json());
  }

  @Test
  public void gcGrantAddsDeleteUnderDataOnlyAndNoUpload() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://lakefs-data/repo1/", GC)));
    assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::lakefs-data/repo1/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:DeleteObject\"],\"Resource\":[\"arn:aws:s3:::lakefs-data/repo1/data/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::lakefs-data\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::lakefs-data\"],"
        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"repo1/\",\"repo1/*\"]}}}]}", policy.json());
  }

  @Test
  public void kmsKeysOfWrittenLocationsAllowDataKeysAndOfReadOnesDecryptOnly() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://lakefs-data/repo1/", WRITE).withKmsKey(KEY_1),
        grant("s3://imports/raw/", READ).withKmsKey(KEY_2), grant("s3://lakefs-data/repo2/", READ)));
    assertContains(policy.json(), "{\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\",\"kms:GenerateDataKey\"],"
        + "\"Resource\":[\"" + KEY_1 + "\"]},{\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],\"Resource\":[\""
        + KEY_2 + "\"]}");
    PolicyEvaluator evaluator = new PolicyEvaluator(policy.json());
    assertTrue(evaluator.allows("kms:GenerateDataKey", KEY_1, null));
    assertFalse(evaluator.allows("kms:GenerateDataKey", KEY_2, null));
    assertTrue(evaluator.allows("kms:Decrypt", KEY_2, null));
    assertEquals("[s3://imports/raw/ (read, kms " + KEY_2 + "), s3://lakefs-data/repo1/ (write, kms " + KEY_1 + "),"
        + " s3://lakefs-data/repo2/ (read)]", policy.scope().toString());
  }

  @Test
  public void aGrantWithAKmsKeyIsNotCoveredByOneWithout() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://lakefs-data/", READ),
        grant("s3://lakefs-data/repo1/", READ).withKmsKey(KEY_1)));
    assertEquals(2, policy.scope().size());
    assertContains(policy.json(), KEY_1);
  }

  @Test
  public void noGrantEverAllowsListingTheBucketsMultipartUploads() {
    for (AccessLevel access : AccessLevel.values()) {
      PolicyEvaluator evaluator = new PolicyEvaluator(SessionPolicy.forGrants(
          List.of(grant("s3://lakefs-data/sales/", access))).json());
      assertFalse(access.wireName(), evaluator.allows("s3:ListBucketMultipartUploads", "arn:aws:s3:::lakefs-data", null));
    }
  }

  @Test
  public void manyRepositoriesShareOneStatementPerAccessLevelAndBucketGroup() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(
        grant("s3://lakefs-data/repo1/", WRITE), grant("s3://lakefs-data/repo2/", READ),
        grant("s3://imports/landing/", READ), grant("s3://archive", READ)));
    assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::archive/*\","
        + "\"arn:aws:s3:::imports/landing/*\",\"arn:aws:s3:::lakefs-data/repo1/*\",\"arn:aws:s3:::lakefs-data/repo2/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:AbortMultipartUpload\",\"s3:ListMultipartUploadParts\","
        + "\"s3:PutObject\"],\"Resource\":[\"arn:aws:s3:::lakefs-data/repo1/data/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\"],"
        + "\"Resource\":[\"arn:aws:s3:::imports\",\"arn:aws:s3:::lakefs-data\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\",\"s3:ListBucket\"],"
        + "\"Resource\":[\"arn:aws:s3:::archive\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::imports\"],"
        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"landing/\",\"landing/*\"]}}},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::lakefs-data\"],"
        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"repo1/\",\"repo1/*\",\"repo2/\",\"repo2/*\"]}}}]}", policy.json());
  }

  @Test
  public void bucketsWithTheSameListablePrefixesShareOneListStatement() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(
        grant("s3://bucket-a/data/", READ), grant("s3://bucket-b/data/", READ)));
    assertContains(policy.json(), "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],"
        + "\"Resource\":[\"arn:aws:s3:::bucket-a\",\"arn:aws:s3:::bucket-b\"],"
        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"data/\",\"data/*\"]}}}");
  }

  @Test
  public void sameGrantsInAnyOrderGiveByteIdenticalPolicies() {
    List<Grant> grants = new ArrayList<>(List.of(grant("s3://lakefs-data/repo1/", WRITE),
        grant("s3://lakefs-data/repo2/", READ), grant("s3://imports/x/", READ), grant("s3://imports/y/", WRITE)));
    SessionPolicy first = SessionPolicy.forGrants(grants);
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      List<Grant> shuffled = new ArrayList<>(grants);
      shuffled.add(grants.get(random.nextInt(grants.size())));
      Collections.shuffle(shuffled, random);
      SessionPolicy again = SessionPolicy.forGrants(shuffled);
      assertEquals(first.json(), again.json());
      assertEquals(first, again);
      assertEquals(first.scope(), again.scope());
    }
    assertEquals(first.json(), SessionPolicy.forGrants(Set.copyOf(grants)).json());
  }

  @Test
  public void policyIsMinified() {
    String json = SessionPolicy.forGrants(List.of(grant("s3://lakefs-data/my repo/", READ))).json();
    assertFalse(json.contains("\n"));
    assertFalse(json.contains(": "));
    assertFalse(json.contains(", "));
  }

  @Test
  public void prefixUnderAnotherGrantWithAtLeastTheSameAccessIsDropped() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://b-1/repo1/", READ),
        grant("s3://b-1/repo1/sub/", READ), grant("s3://b-1/repo2/", WRITE), grant("s3://b-1/repo2/deep/er/", READ),
        grant("s3://b-1/repo2/", READ)));
    assertEquals(List.of(grant("s3://b-1/repo1/", READ), grant("s3://b-1/repo2/", WRITE)), policy.scope());
    assertFalse(policy.json().contains("sub/"));
    assertFalse(policy.json().contains("deep/"));
  }

  @Test
  public void writeUnderAReadPrefixIsKeptBecauseReadDoesNotCoverIt() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://b-1/repo1/", READ),
        grant("s3://b-1/repo1/staging/", WRITE)));
    assertEquals(List.of(grant("s3://b-1/repo1/", READ), grant("s3://b-1/repo1/staging/", WRITE)), policy.scope());
    PolicyEvaluator evaluator = new PolicyEvaluator(policy.json());
    assertTrue(evaluator.allows("s3:PutObject", "arn:aws:s3:::b-1/repo1/staging/data/f", null));
    assertFalse(evaluator.allows("s3:PutObject", "arn:aws:s3:::b-1/repo1/staging/f", null));
    assertFalse(evaluator.allows("s3:PutObject", "arn:aws:s3:::b-1/repo1/data/f", null));
    // Listing under repo1/ already covers staging/, so staging/ is not listed again.
    assertContains(policy.json(), "\"s3:prefix\":[\"repo1/\",\"repo1/*\"]");
  }

  @Test
  public void sameNamespacesInOtherBucketsAreNotMerged() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://b-1/", WRITE), grant("s3://b-2/repo1/", READ)));
    assertEquals(2, policy.scope().size());
    PolicyEvaluator evaluator = new PolicyEvaluator(policy.json());
    assertFalse(evaluator.allows("s3:PutObject", "arn:aws:s3:::b-2/repo1/data/f", null));
    assertTrue(evaluator.allows("s3:PutObject", "arn:aws:s3:::b-1/data/f", null));
    assertFalse(evaluator.allows(LIST, "arn:aws:s3:::b-2", ""));
  }

  @Test
  public void listsTheNamespaceRootAndBelowButNoSiblingAndNoParent() {
    PolicyEvaluator evaluator = new PolicyEvaluator(
        SessionPolicy.forGrants(List.of(grant("s3://lakefs-data/repo1/table/", READ))).json());
    String bucket = "arn:aws:s3:::lakefs-data";
    assertTrue(evaluator.allows(LIST, bucket, "repo1/table/"));
    assertTrue(evaluator.allows(LIST, bucket, "repo1/table/part-"));
    assertTrue(evaluator.allows(LIST, bucket, "repo1/table/year=2024/"));
    // "repo1/table" without its slash would also list "repo1/table2/..." and "repo1/table-old/...".
    assertFalse(evaluator.allows(LIST, bucket, "repo1/table"));
    assertFalse(evaluator.allows(LIST, bucket, "repo1/table2/"));
    assertFalse(evaluator.allows(LIST, bucket, "repo1/"));
    assertFalse(evaluator.allows(LIST, bucket, ""));
    assertFalse(evaluator.allows(LIST, bucket, null));
    assertFalse(evaluator.allows(LIST, "arn:aws:s3:::other-bucket", "repo1/table/"));
    assertTrue(evaluator.allows(GET, bucket + "/repo1/table/part-0", null));
    assertFalse(evaluator.allows(GET, bucket + "/repo1/table2/part-0", null));
    assertFalse(evaluator.allows(GET, bucket + "/repo1/table", null));
  }

  @Test
  public void wholeBucketGrantListsWithoutCondition() {
    PolicyEvaluator evaluator = new PolicyEvaluator(
        SessionPolicy.forGrants(List.of(grant("s3://lakefs-data", READ), grant("s3://lakefs-data/x/", READ))).json());
    assertTrue(evaluator.allows(LIST, "arn:aws:s3:::lakefs-data", null));
    assertTrue(evaluator.allows(LIST, "arn:aws:s3:::lakefs-data", "anything"));
  }

  /**
   * Lossless, checked by brute force: over random grant sets with nested, sibling and look-alike prefixes,
   * the merged policy allows exactly the requests the grants allow, one by one: never more (no widening)
   * and never less.
   */
  @Test
  public void mergedPolicyAllowsExactlyWhatTheGrantsAllow() {
    Random random = new Random(20261129);
    List<String> buckets = List.of("b-one", "b-two", "b-three");
    List<String> prefixes = prefixVocabulary();
    List<String> probeKeys = new ArrayList<>();
    for (String prefix : prefixes) {
      probeKeys.add(prefix);
      probeKeys.add(prefix + "k");
      if (!prefix.isEmpty()) {
        probeKeys.add(prefix.substring(0, prefix.length() - 1));
      }
    }
    for (int trial = 0; trial < 300; trial++) {
      List<Grant> grants = new ArrayList<>();
      for (int i = 1 + random.nextInt(8); i > 0; i--) {
        String prefix = prefixes.get(random.nextInt(prefixes.size()));
        grants.add(grant("s3://" + buckets.get(random.nextInt(buckets.size())) + "/" + prefix,
            AccessLevel.values()[random.nextInt(AccessLevel.values().length)]));
      }
      PolicyEvaluator evaluator = new PolicyEvaluator(SessionPolicy.forGrants(grants).json());
      for (String bucket : List.of("b-one", "b-two", "b-three", "b-other")) {
        String bucketArn = "arn:aws:s3:::" + bucket;
        for (String key : probeKeys) {
          for (String action : allObjectActions()) {
            boolean expected = oracleAllowsObject(grants, action, bucket, key);
            if (evaluator.allows(action, bucketArn + "/" + key, null) != expected) {
              fail((expected ? "narrowed: " : "WIDENED: ") + action + " " + bucket + "/" + key + " for " + grants);
            }
          }
          boolean expected = oracleAllowsList(grants, bucket, key);
          if (evaluator.allows(LIST, bucketArn, key) != expected) {
            fail((expected ? "narrowed: " : "WIDENED: ") + "list " + bucket + " '" + key + "' for " + grants);
          }
        }
        assertEquals(grants.stream().anyMatch(g -> g.location().bucket().equals(bucket)),
            evaluator.allows("s3:GetBucketLocation", bucketArn, null));
        assertFalse(evaluator.allows("s3:ListBucketMultipartUploads", bucketArn, null));
        assertFalse(evaluator.allows("s3:DeleteBucket", bucketArn, null));
      }
    }
  }

  @Test
  public void mergingMakesAPolicyFitThatWouldNotFitUnmerged() {
    List<Grant> grants = new ArrayList<>(List.of(grant("s3://lakefs-data/repo1/", WRITE)));
    for (int i = 0; i < 200; i++) {
      grants.add(i % 2 == 0 ? grant("s3://lakefs-data/repo1/branch-" + i + "/", READ)
          : grant("s3://lakefs-data/repo1/data/branch-" + i + "/", WRITE));
    }
    SessionPolicy policy = SessionPolicy.forGrants(grants);
    assertEquals(List.of(grant("s3://lakefs-data/repo1/", WRITE)), policy.scope());
    assertTrue(policy.json().length() < SessionPolicy.MAX_LENGTH);
  }

  @Test
  public void tooManyNamespacesAreRefusedNamingTheLimitTheSizeAndWhatToDo() {
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      grants.add(grant("s3://lakefs-data/repository-number-" + i + "/", READ));
    }
    grants.add(grants.get(0));
    SessionPolicyTooLargeException e =
        assertThrows(SessionPolicyTooLargeException.class, () -> SessionPolicy.forGrants(grants));
    assertEquals(2048, e.limit());
    assertEquals(40, e.namespacesRequested());
    assertTrue(e.length() > 2048);
    assertContains(e.getMessage(), "40 storage namespaces", e.length() + " characters", "limit of 2048",
        "fewer repositories");
  }

  @Test
  public void largestPolicyThatFitsIsAccepted() {
    List<Grant> grants = new ArrayList<>();
    SessionPolicy last = null;
    try {
      for (int i = 0; ; i++) {
        grants.add(grant("s3://lakefs-data/r" + i + "/", READ));
        last = SessionPolicy.forGrants(grants);
      }
    } catch (SessionPolicyTooLargeException expected) {
      assertTrue(last.json().length() <= SessionPolicy.MAX_LENGTH);
      assertTrue("at least 30 short repositories fit, got " + last.scope().size(), last.scope().size() >= 30);
    }
  }

  /**
   * The worst case one repository can bring at each access level (its namespace with a KMS key, an import
   * location with another key, both as long as they can be): below STS's limit it is written whole, one
   * character more is refused as too large, never cut or widened to fit.
   */
  @Test
  public void theWorstCaseOfOneRepositoryIsWrittenWholeOrRefusedAsTooLarge() {
    for (AccessLevel access : AccessLevel.values()) {
      SessionPolicy largest = largestOfOneRepository(access);
      int length = largest.scope().get(1).location().keyPrefix().length();

      assertTrue(access + ": " + largest.json().length(), largest.json().length() <= SessionPolicy.MAX_LENGTH);
      assertTrue(access + ": " + largest.json().length(), largest.json().length() > SessionPolicy.MAX_LENGTH - 60);
      assertThrows(SessionPolicyTooLargeException.class, () -> SessionPolicy.forGrants(oneRepository(access,
          length + 1)));
      PolicyEvaluator evaluator = new PolicyEvaluator(largest.json());
      String namespace = "arn:aws:s3:::lakefs-data/" + largest.scope().get(1).location().keyPrefix();
      assertEquals(access != READ, evaluator.allows(access == GC ? DELETE : "s3:PutObject", namespace + "data/x", null));
      assertFalse(evaluator.allows("s3:PutObject", namespace + "_lakefs/x", null));
    }
  }

  /** The largest policy {@link #oneRepository} can give at this level that fits STS's limit. */
  public static SessionPolicy largestOfOneRepository(AccessLevel access) {
    SessionPolicy largest = null;
    for (int length = 2; ; length++) {
      try {
        largest = SessionPolicy.forGrants(oneRepository(access, length));
      } catch (SessionPolicyTooLargeException tooLarge) {
        return largest;
      }
    }
  }

  /** A namespace and an import location, each with a key prefix of {@code length} characters and a KMS key. */
  public static List<Grant> oneRepository(AccessLevel access, int length) {
    String prefix = "n".repeat(length - 1) + "/";
    return List.of(grant("s3://lakefs-data/" + prefix, access).withKmsKey(KEY_1),
        grant("s3://imports/" + prefix, READ).withKmsKey(KEY_2));
  }

  @Test
  public void zeroGrantsAreRefusedBecauseNoPolicyWouldMeanTheRolesFullRights() {
    String message = assertThrows(IllegalArgumentException.class, () -> SessionPolicy.forGrants(List.of()))
        .getMessage();
    assertContains(message, "at least one", "full permissions", "every repository");
  }

  @Test
  public void scopeIsPrintableForTheAuditLog() {
    SessionPolicy policy = SessionPolicy.forGrants(List.of(grant("s3://lakefs-data/repo2", READ),
        grant("s3://lakefs-data/repo1/", WRITE)));
    assertEquals("[s3://lakefs-data/repo1/ (write), s3://lakefs-data/repo2/ (read)]", policy.scope().toString());
    assertEquals("s3://lakefs-data/repo1/", policy.scope().get(0).location().toString());
    assertEquals("write", policy.scope().get(0).access().wireName());
    assertContains(policy.toString(), "s3://lakefs-data/repo1/ (write)", "characters");
  }

  private static Grant grant(String location, AccessLevel access) {
    return new Grant(StorageNamespace.parse(location), access);
  }

  /** Prefixes up to three segments deep, with look-alike siblings ("r/" and "r1/") and lakeFS's "data/". */
  private static List<String> prefixVocabulary() {
    List<String> segments = List.of("r", "r1", "data");
    List<String> prefixes = new ArrayList<>(List.of(""));
    for (int depth = 0; depth < 3; depth++) {
      List<String> next = new ArrayList<>();
      for (String prefix : prefixes) {
        if (prefix.chars().filter(c -> c == '/').count() == depth) {
          for (String segment : segments) {
            next.add(prefix + segment + "/");
          }
        }
      }
      prefixes.addAll(next);
    }
    return prefixes;
  }

  private static List<String> allObjectActions() {
    List<String> actions = new ArrayList<>(List.of(GET, DELETE));
    actions.addAll(OBJECT_WRITE_ACTIONS);
    actions.addAll(OTHER_OBJECT_ACTIONS);
    return actions;
  }

  /**
   * The grants' meaning, straight from the specification, with no merging: every level reads under the
   * location; write uploads and gc deletes under its data/ only.
   */
  private static boolean oracleAllowsObject(List<Grant> grants, String action, String bucket, String key) {
    return grants.stream().anyMatch(g -> g.location().bucket().equals(bucket)
        && key.startsWith(g.location().keyPrefix())
        && (action.equals(GET)
            || (key.startsWith(g.location().keyPrefix() + "data/")
                && ((g.access() == WRITE && OBJECT_WRITE_ACTIONS.contains(action))
                    || (g.access() == GC && action.equals(DELETE))))));
  }

  private static boolean oracleAllowsList(List<Grant> grants, String bucket, String prefix) {
    return grants.stream().anyMatch(g -> g.location().bucket().equals(bucket)
        && prefix.startsWith(g.location().keyPrefix()));
  }
}
