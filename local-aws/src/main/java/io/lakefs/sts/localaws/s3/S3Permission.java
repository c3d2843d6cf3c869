package io.lakefs.sts.localaws.s3;

import java.util.Map;
import java.util.Objects;

/**
 * One IAM permission an S3 request needs: the action, the resource it acts on, and the condition keys S3
 * puts in the request context for it (e.g. s3:prefix for s3:ListBucket).
 */
public record S3Permission(String action, String resourceArn, Map<String, String> context) {
  private static final String S3_ARN = "arn:aws:s3:::";

  public S3Permission {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resourceArn, "resourceArn");
    context = Map.copyOf(context);
  }

  /** ListAllMyBuckets acts on no bucket in particular; IAM calls that resource arn:aws:s3:::*. */
  static S3Permission onAllBuckets(String action) {
    return new S3Permission(action, S3_ARN + "*", Map.of());
  }

  static S3Permission onBucket(String action, String bucket, Map<String, String> context) {
    return new S3Permission(action, S3_ARN + bucket, context);
  }

  static S3Permission onObject(String action, String bucket, String key) {
    return new S3Permission(action, S3_ARN + bucket + "/" + key, Map.of());
  }
}
