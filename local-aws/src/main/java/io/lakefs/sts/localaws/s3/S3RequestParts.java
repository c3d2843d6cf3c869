package io.lakefs.sts.localaws.s3;

import io.lakefs.sts.localaws.sigv4.SignedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request's method, target, parameters and headers, with the lookups {@link S3RequestClassifier}'s
 * rules need; in particular which sub-resource (the query parameter that selects the operation) it names.
 */
final class S3RequestParts {
  /** Query parameters that modify an operation without changing which one it is. */
  private static final Set<String> ORDINARY_PARAMETERS = Set.of(
      "prefix", "delimiter", "max-keys", "marker", "list-type", "continuation-token", "fetch-owner",
      "start-after", "encoding-type", "key-marker", "version-id-marker", "upload-id-marker", "max-uploads",
      "max-parts", "part-number-marker", "versionId", "partNumber", "max-buckets", "bucket-region",
      "response-content-type", "response-content-language", "response-expires", "response-cache-control",
      "response-content-disposition", "response-content-encoding",
      "x-id"); // newer AWS SDKs name the operation in x-id; it changes nothing

  final String method;
  final S3Path path;
  final Map<String, List<String>> query;
  final Map<String, List<String>> headers;
  /** "" when none; several sub-resources at once are joined with '&' and never match a rule. */
  final String subResource;

  S3RequestParts(String method, S3Path path, Map<String, List<String>> query, Map<String, List<String>> headers) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    Set<String> subResources = new TreeSet<>();
    for (String name : query.keySet()) {
      if (!ORDINARY_PARAMETERS.contains(name) && !SignedRequest.isPresignParameter(name)) {
        subResources.add(name);
      }
    }
    this.subResource = String.join("&", subResources);
  }

  Optional<String> parameter(String name) throws S3ClassificationException {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new S3ClassificationException("InvalidArgument", "Query parameter " + name + " was given "
          + values.size() + " times; give it once.");
    }
    return Optional.of(values.get(0));
  }

  Optional<String> header(String name) throws S3ClassificationException {
    List<String> values = null;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
        if (values != null) {
          values = new ArrayList<>(values);
          values.addAll(header.getValue());
        } else {
          values = header.getValue();
        }
      }
    }
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new S3ClassificationException("InvalidArgument", "Header " + name + " was given " + values.size()
          + " times; give it once.");
    }
    return Optional.of(values.get(0));
  }

  boolean hasHeaderStartingWith(String prefix) {
    return headers.keySet().stream()
        .anyMatch(h -> h != null && h.toLowerCase(Locale.ROOT).startsWith(prefix));
  }

  /** The condition keys S3 sets for s3:ListBucket and s3:ListBucketVersions. */
  Map<String, String> listContext() throws S3ClassificationException {
    Map<String, String> context = new LinkedHashMap<>();
    // Absent prefix is "" so that IAM's documented "list the bucket root" policy (s3:prefix = "") works.
    context.put("s3:prefix", parameter("prefix").orElse(""));
    Optional<String> delimiter = parameter("delimiter");
    if (delimiter.isPresent()) {
      context.put("s3:delimiter", delimiter.get());
    }
    Optional<String> maxKeys = parameter("max-keys");
    if (maxKeys.isPresent()) {
      context.put("s3:max-keys", maxKeys.get());
    }
    return context;
  }

  void checkListType() throws S3ClassificationException {
    Optional<String> listType = parameter("list-type");
    if (listType.isPresent() && !listType.get().equals("2")) {
      throw new S3ClassificationException("InvalidArgument", "list-type must be 2 (ListObjectsV2) or absent"
          + " (ListObjects), was \"" + listType.get() + "\".");
    }
  }

  Optional<CopySource> copySource() throws S3ClassificationException {
    Optional<String> header = header("x-amz-copy-source");
    return header.isEmpty() ? Optional.empty() : Optional.of(CopySource.parse(header.get()));
  }

  boolean setsAcl() throws S3ClassificationException {
    return header("x-amz-acl").isPresent() || hasHeaderStartingWith("x-amz-grant-");
  }

  /** Tags and ACLs set along with an object's data need their own permissions, as in AWS. */
  List<S3Permission> headerDrivenObjectPermissions(String bucket, String key) throws S3ClassificationException {
    List<S3Permission> permissions = new ArrayList<>();
    if (header("x-amz-tagging").isPresent()) {
      permissions.add(S3Permission.onObject("s3:PutObjectTagging", bucket, key));
    }
    if (setsAcl()) {
      permissions.add(S3Permission.onObject("s3:PutObjectAcl", bucket, key));
    }
    return permissions;
  }
}
