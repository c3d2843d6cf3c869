package io.lakefs.sts.localaws.s3;

import java.util.Optional;

/**
 * The object named by an x-amz-copy-source header: {@code /bucket/key} or {@code bucket/key},
 * URL-encoded, optionally followed by {@code ?versionId=...}.
 */
record CopySource(String bucket, String key, Optional<String> versionId) {
  private static final String VERSION_ID = "versionId=";

  static CopySource parse(String header) throws S3ClassificationException {
    // Split on the raw '?' first: a '?' inside the key arrives encoded as %3F and must stay in the key.
    int query = header.indexOf('?');
    Optional<String> versionId = Optional.empty();
    if (query >= 0) {
      String parameters = header.substring(query + 1);
      if (!parameters.startsWith(VERSION_ID) || parameters.length() == VERSION_ID.length()
          || parameters.contains("&")) {
        throw invalid("x-amz-copy-source \"" + header + "\" may only be followed by ?versionId=<version id>.");
      }
      versionId = Optional.of(S3Path.decode(parameters.substring(VERSION_ID.length())));
    }
    String path = S3Path.decode(query < 0 ? header : header.substring(0, query));
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (path.startsWith("arn:")) {
      throw invalid("x-amz-copy-source \"" + header + "\" names an access point, which local-aws does not"
          + " serve; name the source as bucket/key.");
    }
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw invalid("Copy Source must mention the source bucket and key: sourcebucket/sourcekey. Was \""
          + header + "\".");
    }
    String bucket = S3Path.checkBucket(path.substring(0, slash));
    String key = S3Path.checkKey(path.substring(slash + 1), "InvalidArgument");
    return new CopySource(bucket, key, versionId);
  }

  private static S3ClassificationException invalid(String message) {
    return new S3ClassificationException("InvalidArgument", message);
  }
}
