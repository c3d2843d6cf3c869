package io.lakefs.sts.service.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns reduced grants into IAM statements, in a fixed order. Each statement is one rectangle of the exact
 * (action, resource) relation the grants allow, so grouping resources never grants an action on a resource
 * that did not already have it:
 * <ul>
 *   <li>every grant: {@code s3:GetObject} on {@code <location>/*}, {@code s3:ListBucket} conditioned on the
 *       location's prefix, {@code s3:GetBucketLocation} on its bucket;</li>
 *   <li>write: {@code s3:PutObject}, {@code s3:AbortMultipartUpload}, {@code s3:ListMultipartUploadParts} on
 *       {@code <namespace>/data/*} only;</li>
 *   <li>gc: {@code s3:DeleteObject} on {@code <namespace>/data/*} only;</li>
 *   <li>SSE-KMS: {@code kms:Decrypt} on the key of every location read, {@code kms:GenerateDataKey} on the
 *       key of every location written (AWS intersects the role's and the session's policies, so the session
 *       policy must allow the key too).</li>
 * </ul>
 * Never {@code s3:ListBucketMultipartUploads}: IAM has no prefix condition for it, so it would show a writer
 * the in-progress upload keys of every repository in the bucket; S3A writes without it. Listing stays one
 * statement per set of allowed prefixes, because an {@code s3:prefix} condition applies to every bucket in
 * its statement.
 */
final class PolicyStatements {
  static final String GET_OBJECT = "s3:GetObject";
  static final String LIST_BUCKET = "s3:ListBucket";
  static final String GET_BUCKET_LOCATION = "s3:GetBucketLocation";
  static final String DELETE_OBJECT = "s3:DeleteObject";
  static final String KMS_DECRYPT = "kms:Decrypt";
  static final String KMS_GENERATE_DATA_KEY = "kms:GenerateDataKey";
  static final List<String> READ_OBJECT_ACTIONS = List.of(GET_OBJECT);
  static final List<String> WRITE_OBJECT_ACTIONS = List.copyOf(new TreeSet<>(List.of("s3:PutObject",
      "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts")));
  static final List<String> GC_OBJECT_ACTIONS = List.of(DELETE_OBJECT);
  static final List<String> KMS_READ_ACTIONS = List.of(KMS_DECRYPT);
  static final List<String> KMS_WRITE_ACTIONS = List.of(KMS_DECRYPT, KMS_GENERATE_DATA_KEY);

  /** One Allow statement; {@code listPrefixes} empty means no condition. */
  record Statement(List<String> actions, List<String> resources, List<String> listPrefixes) {
    Statement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      listPrefixes = List.copyOf(listPrefixes);
    }
  }

  private PolicyStatements() {}

  /**
   * @param scope grants already reduced by {@link CoveringGrants#reduce}, sorted
   * @return object statements (read, write, gc), KMS statements (write keys, then keys only read), then
   *     bucket statements grouped by action set, then conditioned listing statements grouped by prefix set
   */
  static List<Statement> of(List<Grant> scope) {
    List<StorageNamespace> readAreas = CoveringGrants.reduceLocations(scope.stream().map(Grant::location).toList());
    List<StorageNamespace> writeAreas = dataAreas(scope, AccessLevel.WRITE);
    List<StorageNamespace> deleteAreas = dataAreas(scope, AccessLevel.GC);
    SortedSet<String> writeKeys = new TreeSet<>();
    SortedSet<String> readKeys = new TreeSet<>();
    for (Grant grant : scope) {
      grant.kmsKeyArn().ifPresent((grant.access() == AccessLevel.WRITE ? writeKeys : readKeys)::add);
    }
    readKeys.removeAll(writeKeys);

    Map<String, SortedSet<String>> bucketActions = new TreeMap<>();
    Map<String, SortedSet<String>> listPrefixes = new TreeMap<>();
    for (StorageNamespace location : readAreas) {
      SortedSet<String> actions = bucketActions.computeIfAbsent(location.bucket(), b -> new TreeSet<>());
      actions.add(GET_BUCKET_LOCATION);
      if (location.keyPrefix().isEmpty()) {
        actions.add(LIST_BUCKET);
      } else {
        listPrefixes.computeIfAbsent(location.bucket(), b -> new TreeSet<>()).add(location.keyPrefix());
      }
    }

    List<Statement> statements = new ArrayList<>();
    addObjectStatement(statements, READ_OBJECT_ACTIONS, readAreas);
    addObjectStatement(statements, WRITE_OBJECT_ACTIONS, writeAreas);
    addObjectStatement(statements, GC_OBJECT_ACTIONS, deleteAreas);
    if (!writeKeys.isEmpty()) {
      statements.add(new Statement(KMS_WRITE_ACTIONS, List.copyOf(writeKeys), List.of()));
    }
    if (!readKeys.isEmpty()) {
      statements.add(new Statement(KMS_READ_ACTIONS, List.copyOf(readKeys), List.of()));
    }
    for (Group group : groupBuckets(bucketActions)) {
      statements.add(new Statement(group.values(), group.bucketArns(), List.of()));
    }
    for (Group group : groupBuckets(listPrefixes)) {
      statements.add(new Statement(List.of(LIST_BUCKET), group.bucketArns(), group.values()));
    }
    return List.copyOf(statements);
  }

  /** Object resource for every key under the location; the prefix ends with "/" so siblings are excluded. */
  static String objectArn(StorageNamespace location) {
    return "arn:aws:s3:::" + location.bucket() + "/" + location.keyPrefix() + "*";
  }

  static String bucketArn(String bucket) {
    return "arn:aws:s3:::" + bucket;
  }

  private static List<StorageNamespace> dataAreas(List<Grant> scope, AccessLevel access) {
    return CoveringGrants.reduceLocations(scope.stream().filter(grant -> grant.access() == access)
        .map(Grant::dataArea).toList());
  }

  private static void addObjectStatement(List<Statement> statements, List<String> actions,
      List<StorageNamespace> areas) {
    if (!areas.isEmpty()) {
      statements.add(new Statement(actions, areas.stream().map(PolicyStatements::objectArn).toList(), List.of()));
    }
  }

  /** Buckets (as sorted ARNs) that share exactly the same set of values, with that set. */
  private record Group(List<String> values, List<String> bucketArns) {}

  private static Collection<Group> groupBuckets(Map<String, SortedSet<String>> valuesByBucket) {
    // Ordered by the joined values; neither actions nor key prefixes contain a "\n".
    Map<String, Group> groups = new TreeMap<>();
    valuesByBucket.forEach((bucket, values) -> groups
        .computeIfAbsent(String.join("\n", values), key -> new Group(List.copyOf(values), new ArrayList<>()))
        .bucketArns().add(bucketArn(bucket)));
    return groups.values();
  }
}
