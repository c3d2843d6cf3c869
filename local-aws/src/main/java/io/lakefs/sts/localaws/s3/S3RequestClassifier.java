package io.lakefs.sts.localaws.s3;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Says which S3 operation a path-style REST request is and which IAM permissions it needs, as AWS
 * documents them for S3 ("Actions, resources, and condition keys for Amazon S3"). The S3 gateway
 * authorizes every permission against the caller's role and session policies before forwarding the
 * request. Anything not recognized needs a permission named {@code s3:Unsupported:<what>}, which no
 * scoped policy grants: an unknown request is denied to a scoped session, never waved through.
 * Stateless; one instance serves all request threads.
 */
public final class S3RequestClassifier {
  /** A sub-resource operation: its access-log name and its action, without and with ?versionId. */
  private record Rule(String name, String action, String versionAction) {
    Rule(String name, String action) {
      this(name, action, action);
    }
  }

  private static final Map<String, Rule> BUCKET_RULES = Map.ofEntries(
      Map.entry("GET location", new Rule("REST.GET.LOCATION", "s3:GetBucketLocation")),
      Map.entry("GET uploads", new Rule("REST.GET.UPLOADS", "s3:ListBucketMultipartUploads")),
      Map.entry("GET versioning", new Rule("REST.GET.VERSIONING", "s3:GetBucketVersioning")),
      Map.entry("PUT versioning", new Rule("REST.PUT.VERSIONING", "s3:PutBucketVersioning")),
      Map.entry("GET acl", new Rule("REST.GET.ACL", "s3:GetBucketAcl")),
      Map.entry("PUT acl", new Rule("REST.PUT.ACL", "s3:PutBucketAcl")),
      Map.entry("GET tagging", new Rule("REST.GET.TAGGING", "s3:GetBucketTagging")),
      Map.entry("PUT tagging", new Rule("REST.PUT.TAGGING", "s3:PutBucketTagging")),
      Map.entry("DELETE tagging", new Rule("REST.DELETE.TAGGING", "s3:PutBucketTagging")),
      Map.entry("GET policy", new Rule("REST.GET.BUCKETPOLICY", "s3:GetBucketPolicy")),
      Map.entry("PUT policy", new Rule("REST.PUT.BUCKETPOLICY", "s3:PutBucketPolicy")),
      Map.entry("DELETE policy", new Rule("REST.DELETE.BUCKETPOLICY", "s3:DeleteBucketPolicy")),
      Map.entry("GET cors", new Rule("REST.GET.CORS", "s3:GetBucketCORS")),
      Map.entry("PUT cors", new Rule("REST.PUT.CORS", "s3:PutBucketCORS")),
      Map.entry("DELETE cors", new Rule("REST.DELETE.CORS", "s3:PutBucketCORS")),
      Map.entry("GET lifecycle", new Rule("REST.GET.LIFECYCLE", "s3:GetLifecycleConfiguration")),
      Map.entry("PUT lifecycle", new Rule("REST.PUT.LIFECYCLE", "s3:PutLifecycleConfiguration")),
      Map.entry("DELETE lifecycle", new Rule("REST.DELETE.LIFECYCLE", "s3:PutLifecycleConfiguration")),
      Map.entry("GET encryption", new Rule("REST.GET.ENCRYPTION", "s3:GetEncryptionConfiguration")),
      Map.entry("PUT encryption", new Rule("REST.PUT.ENCRYPTION", "s3:PutEncryptionConfiguration")),
      Map.entry("DELETE encryption", new Rule("REST.DELETE.ENCRYPTION", "s3:PutEncryptionConfiguration")),
      Map.entry("GET object-lock", new Rule("REST.GET.OBJECT_LOCK_CONFIGURATION",
          "s3:GetBucketObjectLockConfiguration")),
      Map.entry("PUT object-lock", new Rule("REST.PUT.OBJECT_LOCK_CONFIGURATION",
          "s3:PutBucketObjectLockConfiguration")),
      Map.entry("GET publicAccessBlock", new Rule("REST.GET.PUBLIC_ACCESS_BLOCK", "s3:GetBucketPublicAccessBlock")),
      Map.entry("PUT publicAccessBlock", new Rule("REST.PUT.PUBLIC_ACCESS_BLOCK", "s3:PutBucketPublicAccessBlock")),
      Map.entry("DELETE publicAccessBlock", new Rule("REST.DELETE.PUBLIC_ACCESS_BLOCK",
          "s3:PutBucketPublicAccessBlock")),
      Map.entry("GET ownershipControls", new Rule("REST.GET.OWNERSHIP_CONTROLS", "s3:GetBucketOwnershipControls")),
      Map.entry("PUT ownershipControls", new Rule("REST.PUT.OWNERSHIP_CONTROLS", "s3:PutBucketOwnershipControls")),
      Map.entry("DELETE ownershipControls", new Rule("REST.DELETE.OWNERSHIP_CONTROLS",
          "s3:PutBucketOwnershipControls")));

  private static final Map<String, Rule> OBJECT_RULES = Map.ofEntries(
      Map.entry("GET uploadId", new Rule("REST.GET.UPLOAD", "s3:ListMultipartUploadParts")),
      Map.entry("POST uploads", new Rule("REST.POST.UPLOADS", "s3:PutObject")),
      Map.entry("POST uploadId", new Rule("REST.POST.UPLOAD", "s3:PutObject")),
      Map.entry("DELETE uploadId", new Rule("REST.DELETE.UPLOAD", "s3:AbortMultipartUpload")),
      Map.entry("GET acl", new Rule("REST.GET.ACL", "s3:GetObjectAcl", "s3:GetObjectVersionAcl")),
      Map.entry("PUT acl", new Rule("REST.PUT.ACL", "s3:PutObjectAcl", "s3:PutObjectVersionAcl")),
      Map.entry("GET tagging", new Rule("REST.GET.OBJECT_TAGGING", "s3:GetObjectTagging",
          "s3:GetObjectVersionTagging")),
      Map.entry("PUT tagging", new Rule("REST.PUT.OBJECT_TAGGING", "s3:PutObjectTagging",
          "s3:PutObjectVersionTagging")),
      Map.entry("DELETE tagging", new Rule("REST.DELETE.OBJECT_TAGGING", "s3:DeleteObjectTagging",
          "s3:DeleteObjectVersionTagging")),
      Map.entry("GET retention", new Rule("REST.GET.RETENTION", "s3:GetObjectRetention")),
      Map.entry("PUT retention", new Rule("REST.PUT.RETENTION", "s3:PutObjectRetention")),
      Map.entry("GET legal-hold", new Rule("REST.GET.LEGAL_HOLD", "s3:GetObjectLegalHold")),
      Map.entry("PUT legal-hold", new Rule("REST.PUT.LEGAL_HOLD", "s3:PutObjectLegalHold")),
      Map.entry("POST restore", new Rule("REST.POST.RESTORE", "s3:RestoreObject")));

  /**
   * @param method the HTTP method
   * @param rawPath the request path as sent, still percent-encoded: {@code /bucket/key...}
   * @param query decoded parameters (a parameter with no value maps to "")
   * @param headers looked up without regard to case
   * @param body read lazily, only for operations whose permissions depend on it (DeleteObjects: POST
   *     /bucket?delete lists keys in XML)
   * @throws S3ClassificationException for a malformed path, copy source or body; its code() is the S3
   *     error code to answer with (HTTP 400)
   */
  public S3Operation classify(String method, String rawPath, Map<String, List<String>> query,
      Map<String, List<String>> headers, Supplier<byte[]> body) throws S3ClassificationException {
    Objects.requireNonNull(method, "method");
    S3RequestParts request = new S3RequestParts(method.toUpperCase(Locale.ROOT), S3Path.parse(rawPath),
        query == null ? Map.of() : query, headers == null ? Map.of() : headers);
    if (request.path.bucket() == null) {
      return service(request);
    }
    if (request.path.key() == null) {
      return bucket(request, body);
    }
    return object(request);
  }

  private static S3Operation service(S3RequestParts request) {
    if (request.method.equals("GET") && request.subResource.isEmpty()) {
      return new S3Operation("REST.GET.SERVICE", null, null,
          List.of(S3Permission.onAllBuckets("s3:ListAllMyBuckets")));
    }
    return new S3Operation(unsupportedName(request, "SERVICE"), null, null,
        List.of(S3Permission.onAllBuckets(unsupportedAction(request))));
  }

  private static S3Operation bucket(S3RequestParts request, Supplier<byte[]> body) throws S3ClassificationException {
    String bucket = request.path.bucket();
    String what = request.method + " " + request.subResource;
    switch (what) {
      case "GET ", "HEAD " -> {
        request.checkListType();
        return bucketOperation(request, request.method.equals("GET") ? "REST.GET.BUCKET" : "REST.HEAD.BUCKET",
            List.of(S3Permission.onBucket("s3:ListBucket", bucket, request.listContext())));
      }
      case "GET versions" -> {
        return bucketOperation(request, "REST.GET.BUCKETVERSIONS",
            List.of(S3Permission.onBucket("s3:ListBucketVersions", bucket, request.listContext())));
      }
      case "PUT " -> {
        List<S3Permission> permissions = new ArrayList<>();
        permissions.add(S3Permission.onBucket("s3:CreateBucket", bucket, Map.of()));
        if (request.setsAcl()) {
          permissions.add(S3Permission.onBucket("s3:PutBucketAcl", bucket, Map.of()));
        }
        if ("true".equalsIgnoreCase(request.header("x-amz-bucket-object-lock-enabled").orElse(""))) {
          permissions.add(S3Permission.onBucket("s3:PutBucketObjectLockConfiguration", bucket, Map.of()));
          permissions.add(S3Permission.onBucket("s3:PutBucketVersioning", bucket, Map.of()));
        }
        return bucketOperation(request, "REST.PUT.BUCKET", permissions);
      }
      case "DELETE " -> {
        return bucketOperation(request, "REST.DELETE.BUCKET",
            List.of(S3Permission.onBucket("s3:DeleteBucket", bucket, Map.of())));
      }
      case "POST delete" -> {
        return deleteObjects(bucket, DeleteObjectsBody.parse(body == null ? null : body.get()));
      }
      default -> {
        Rule rule = BUCKET_RULES.get(what);
        if (rule != null) {
          return bucketOperation(request, rule.name(), List.of(S3Permission.onBucket(rule.action(), bucket, Map.of())));
        }
        return bucketOperation(request, unsupportedName(request, "BUCKET"),
            List.of(S3Permission.onBucket(unsupportedAction(request), bucket, Map.of())));
      }
    }
  }

  private static S3Operation bucketOperation(S3RequestParts request, String name, List<S3Permission> permissions) {
    return new S3Operation(name, request.path.bucket(), null, permissions);
  }

  /** S3 authorizes each key of a DeleteObjects on its own, as if it were a DeleteObject. */
  private static S3Operation deleteObjects(String bucket, List<DeleteObjectsBody.ObjectIdentifier> objects) {
    Set<S3Permission> permissions = new LinkedHashSet<>();
    for (DeleteObjectsBody.ObjectIdentifier object : objects) {
      String action = object.versionId().isPresent() ? "s3:DeleteObjectVersion" : "s3:DeleteObject";
      permissions.add(S3Permission.onObject(action, bucket, object.key()));
    }
    return new S3Operation("BATCH.DELETE.OBJECT", bucket, null, List.copyOf(permissions));
  }

  private static S3Operation object(S3RequestParts request) throws S3ClassificationException {
    String bucket = request.path.bucket();
    String key = request.path.key();
    boolean versioned = request.parameter("versionId").isPresent();
    String what = request.method + " " + request.subResource;
    switch (what) {
      case "GET ", "HEAD " -> {
        String action = versioned ? "s3:GetObjectVersion" : "s3:GetObject";
        return objectOperation(request, "REST." + request.method + ".OBJECT",
            List.of(S3Permission.onObject(action, bucket, key)));
      }
      case "GET attributes" -> {
        return objectOperation(request, "REST.GET.OBJECT_ATTRIBUTES", List.of(
            S3Permission.onObject(versioned ? "s3:GetObjectVersion" : "s3:GetObject", bucket, key),
            S3Permission.onObject(versioned ? "s3:GetObjectVersionAttributes" : "s3:GetObjectAttributes", bucket,
                key)));
      }
      case "PUT " -> {
        if (request.parameter("partNumber").isPresent()) {
          throw new S3ClassificationException("InvalidRequest", "PUT with partNumber but no uploadId: an UploadPart"
              + " needs both partNumber and uploadId (from CreateMultipartUpload).");
        }
        Optional<CopySource> source = request.copySource();
        List<S3Permission> permissions = new ArrayList<>();
        permissions.add(S3Permission.onObject("s3:PutObject", bucket, key));
        source.ifPresent(s -> permissions.add(readSource(s)));
        permissions.addAll(request.headerDrivenObjectPermissions(bucket, key));
        return objectOperation(request, source.isPresent() ? "REST.COPY.OBJECT" : "REST.PUT.OBJECT", permissions);
      }
      case "PUT uploadId" -> {
        if (request.parameter("partNumber").isEmpty()) {
          throw new S3ClassificationException("InvalidRequest", "PUT with uploadId but no partNumber: an UploadPart"
              + " needs both partNumber (1-10000) and uploadId.");
        }
        Optional<CopySource> source = request.copySource();
        List<S3Permission> permissions = new ArrayList<>();
        permissions.add(S3Permission.onObject("s3:PutObject", bucket, key));
        source.ifPresent(s -> permissions.add(readSource(s)));
        return objectOperation(request, source.isPresent() ? "REST.COPY.PART" : "REST.PUT.PART", permissions);
      }
      case "POST uploads" -> {
        List<S3Permission> permissions = new ArrayList<>();
        permissions.add(S3Permission.onObject("s3:PutObject", bucket, key));
        permissions.addAll(request.headerDrivenObjectPermissions(bucket, key));
        return objectOperation(request, "REST.POST.UPLOADS", permissions);
      }
      case "DELETE " -> {
        String action = versioned ? "s3:DeleteObjectVersion" : "s3:DeleteObject";
        return objectOperation(request, "REST.DELETE.OBJECT", List.of(S3Permission.onObject(action, bucket, key)));
      }
      default -> {
        Rule rule = OBJECT_RULES.get(what);
        if (rule != null) {
          String action = versioned ? rule.versionAction() : rule.action();
          return objectOperation(request, rule.name(), List.of(S3Permission.onObject(action, bucket, key)));
        }
        return objectOperation(request, unsupportedName(request, "OBJECT"),
            List.of(S3Permission.onObject(unsupportedAction(request), bucket, key)));
      }
    }
  }

  private static S3Permission readSource(CopySource source) {
    String action = source.versionId().isPresent() ? "s3:GetObjectVersion" : "s3:GetObject";
    return S3Permission.onObject(action, source.bucket(), source.key());
  }

  private static S3Operation objectOperation(S3RequestParts request, String name, List<S3Permission> permissions) {
    return new S3Operation(name, request.path.bucket(), request.path.key(), permissions);
  }

  private static String unsupportedName(S3RequestParts request, String target) {
    String what = request.subResource.isEmpty() ? target
        : request.subResource.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    return "REST." + request.method + "." + what;
  }

  private static String unsupportedAction(S3RequestParts request) {
    return "s3:Unsupported:" + (request.subResource.isEmpty() ? request.method : request.subResource);
  }
}
