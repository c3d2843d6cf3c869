package io.lakefs.sts.service.scope;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3's naming rules for general purpose buckets, as AWS documents them. Holding to them also guarantees that
 * a bucket name put into an ARN contains no IAM wildcard ({@code *}, {@code ?}) and no policy variable.
 */
final class S3BucketNames {
  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9.-]+");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private S3BucketNames() {}

  /** Why {@code bucket} is not a usable bucket name, or empty when it is. */
  static Optional<String> problem(String bucket) {
    if (bucket.isEmpty()) {
      return Optional.of("the bucket name is empty");
    }
    if (bucket.length() < 3 || bucket.length() > 63) {
      return Optional.of("bucket name '" + bucket + "' has " + bucket.length()
          + " characters; S3 bucket names have 3 to 63");
    }
    if (!ALLOWED.matcher(bucket).matches()) {
      return Optional.of("bucket name '" + bucket + "' may contain only lowercase letters, digits, '.' and '-'");
    }
    if (!isLetterOrDigit(bucket.charAt(0)) || !isLetterOrDigit(bucket.charAt(bucket.length() - 1))) {
      return Optional.of("bucket name '" + bucket + "' must start and end with a letter or digit");
    }
    if (bucket.contains("..")) {
      return Optional.of("bucket name '" + bucket + "' contains two adjacent periods");
    }
    if (IP_ADDRESS.matcher(bucket).matches()) {
      return Optional.of("bucket name '" + bucket + "' is formatted as an IP address");
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (bucket.startsWith(prefix)) {
        return Optional.of("bucket name '" + bucket + "' starts with the reserved prefix '" + prefix + "'");
      }
    }
    for (String suffix : RESERVED_SUFFIXES) {
      if (bucket.endsWith(suffix)) {
        // Access point aliases, Multi-Region Access Points, directory and table buckets are authorized
        // against other ARNs or actions than s3:::bucket, so a policy built here would not match them.
        return Optional.of("bucket name '" + bucket + "' ends with '" + suffix
            + "', which names an access point, directory bucket or table bucket rather than a general"
            + " purpose bucket; only general purpose buckets are supported");
      }
    }
    return Optional.empty();
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
