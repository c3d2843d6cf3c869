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
 * that did not already have it. Listing stays one statement per set of allowed prefixes, because an
 * {@code s3:prefix} condition applies to every bucket in its statement.
 */
final class PolicyStatements {
  static final String GET_OBJECT = "s3:GetObject";
  static final String LIST_BUCKET = "s3:ListBucket";
  static final String GET_BUCKET_LOCATION = "s3:GetBucketLocation";
  static final String LIST_BUCKET_MULTIPART_UPLOADS = "s3:ListBucketMultipartUploads";
  static final List<String> READ_OBJECT_ACTIONS = List.of(GET_OBJECT);
  static final List<String> WRITE_OBJECT_ACTIONS = List.copyOf(new TreeSet<>(List.of(GET_OBJECT,
      "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts")));

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
   * @return object statements (read, then write), then bucket statements grouped by action set, then
   *     conditioned listing statements grouped by prefix set
   */
  static List<Statement> of(List<Grant> scope) {
    SortedSet<String> readObjects = new TreeSet<>();
    SortedSet<String> writeObjects = new TreeSet<>();
    Map<String, SortedSet<String>> bucketActions = new TreeMap<>();
    for (Grant grant : scope) {
      (grant.access() == AccessLevel.WRITE ? writeObjects : readObjects).add(objectArn(grant.location()));
      SortedSet<String> actions = bucketActions.computeIfAbsent(grant.location().bucket(), b -> new TreeSet<>());
      actions.add(GET_BUCKET_LOCATION);
      if (grant.access() == AccessLevel.WRITE) {
        // No s3:prefix condition exists for this action: a writer sees the bucket's in-progress upload keys.
        actions.add(LIST_BUCKET_MULTIPART_UPLOADS);
      }
    }

    // Listing is allowed by any access level, so its prefixes are reduced regardless of access.
    Map<String, SortedSet<String>> listPrefixes = new TreeMap<>();
    for (StorageNamespace location : CoveringGrants.reduceLocations(scope.stream().map(Grant::location).toList())) {
      if (location.keyPrefix().isEmpty()) {
        bucketActions.get(location.bucket()).add(LIST_BUCKET);
      } else {
        listPrefixes.computeIfAbsent(location.bucket(), b -> new TreeSet<>()).add(location.keyPrefix());
      }
    }

    List<Statement> statements = new ArrayList<>();
    if (!readObjects.isEmpty()) {
      statements.add(new Statement(READ_OBJECT_ACTIONS, List.copyOf(readObjects), List.of()));
    }
    if (!writeObjects.isEmpty()) {
      statements.add(new Statement(WRITE_OBJECT_ACTIONS, List.copyOf(writeObjects), List.of()));
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
