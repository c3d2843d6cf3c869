package io.lakefs.sts.service.scope;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The S3 location of a lakeFS repository's data (its storage namespace): a bucket and a key prefix that is
 * empty (the whole bucket) or ends with "/". Only namespaces that an IAM session policy can describe
 * exactly are accepted, because a credential is scoped by writing this location into that policy.
 */
public final class StorageNamespace implements Comparable<StorageNamespace> {
  private static final String S3_SCHEME = "s3";
  private static final int MAX_KEY_BYTES = 1024;
  private static final Comparator<StorageNamespace> ORDER =
      Comparator.comparing(StorageNamespace::bucket).thenComparing(StorageNamespace::keyPrefix);

  private final String bucket;
  private final String keyPrefix;

  private StorageNamespace(String bucket, String keyPrefix) {
    this.bucket = bucket;
    this.keyPrefix = keyPrefix;
  }

  /** Parses a storage namespace such as {@code s3://bucket/prefix/}, {@code s3://bucket/prefix} or {@code s3://bucket}. */
  public static StorageNamespace parse(String storageNamespace) {
    return new Parser(storageNamespace, null).parse();
  }

  /** As {@link #parse(String)}, naming {@code repository} in any refusal. */
  public static StorageNamespace ofRepository(String repository, String storageNamespace) {
    Objects.requireNonNull(repository, "repository");
    return new Parser(storageNamespace, repository).parse();
  }

  public String bucket() {
    return bucket;
  }

  /** The key prefix: empty for a whole bucket, otherwise ending with "/". */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * The location {@code relativePrefix} below this one, e.g. {@code data/}: a plain relative prefix ending
   * with "/" that this class's rules already accept.
   */
  StorageNamespace within(String relativePrefix) {
    if (!relativePrefix.endsWith("/") || relativePrefix.startsWith("/")) {
      throw new IllegalArgumentException("a relative key prefix such as data/, not '" + relativePrefix + "'");
    }
    return new StorageNamespace(bucket, keyPrefix + relativePrefix);
  }

  /** True when every key under {@code other} is also under this namespace. */
  public boolean covers(StorageNamespace other) {
    return bucket.equals(other.bucket) && other.keyPrefix.startsWith(keyPrefix);
  }

  @Override
  public int compareTo(StorageNamespace other) {
    return ORDER.compare(this, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorageNamespace other && bucket.equals(other.bucket) && keyPrefix.equals(other.keyPrefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bucket, keyPrefix);
  }

  /** {@code s3://bucket/prefix/}, or {@code s3://bucket/} for a whole bucket. */
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + keyPrefix;
  }

  /** One parse, holding what every refusal message needs. */
  private static final class Parser {
    private static final String SHAPE = "S3 storage namespaces look like s3://bucket/prefix/";
    private final String value;
    private final String repository;

    Parser(String value, String repository) {
      this.value = value;
      this.repository = repository;
    }

    StorageNamespace parse() {
      if (value == null || value.isEmpty()) {
        throw refuse("is empty; " + SHAPE + ". Check the repository's settings in lakeFS");
      }
      if (!value.equals(value.strip())) {
        throw refuse("has leading or trailing whitespace; pass it exactly as lakeFS reports it");
      }
      int schemeEnd = value.indexOf("://");
      if (schemeEnd < 0) {
        throw refuse("has no scheme; " + SHAPE);
      }
      // Like Go's url.Parse (which lakeFS uses), the scheme is case-insensitive.
      String scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      String rest = value.substring(schemeEnd + 3);
      if (!scheme.equals(S3_SCHEME)) {
        throw refuse("is " + describeStorage(scheme, rest) + ", but only S3 namespaces (s3://bucket/prefix/) can"
            + " be served by STS credentials; read this repository through lakeFS instead (for example"
            + " lakeFSFS with fs.lakefs.access.mode=presigned)");
      }
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      Optional<String> bucketProblem = S3BucketNames.problem(bucket);
      if (bucketProblem.isPresent()) {
        throw refuse("does not name a usable S3 bucket: " + bucketProblem.get() + "; " + SHAPE);
      }
      String path = slash < 0 ? "" : rest.substring(slash + 1);
      String keyPrefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
      checkKeyPrefix(keyPrefix);
      return new StorageNamespace(bucket, keyPrefix);
    }

    private void checkKeyPrefix(String keyPrefix) {
      for (int i = 0; i < keyPrefix.length(); i++) {
        char c = keyPrefix.charAt(i);
        if (c == '*' || c == '?' || c == '$') {
          // '*' and '?' are wildcards and "${" starts a policy variable in an IAM Resource or StringLike
          // value: the policy would reach keys outside the namespace.
          throw refuse("contains '" + c + "', which an IAM policy would read as a wildcard or variable and so"
              + " reach keys outside the namespace; only namespaces without * ? $ can be served by STS");
        }
        if (c == '#' || c == '%') {
          // lakeFS parses namespaces as URLs: '#' starts a fragment and '%' an escape, so lakeFS and this
          // service could disagree about which prefix holds the data.
          throw refuse("contains '" + c + "', which URL parsers treat specially, so the key prefix is ambiguous;"
              + " use a namespace without # and %");
        }
        if (Character.isISOControl(c)) {
          throw refuse("contains the control character U+" + String.format("%04X", (int) c)
              + "; use a namespace of printable characters");
        }
      }
      if (!StandardCharsets.UTF_8.newEncoder().canEncode(keyPrefix)) {
        throw refuse("is not valid Unicode (it has an unpaired surrogate)");
      }
      if (keyPrefix.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
        throw refuse("has a key prefix longer than S3's " + MAX_KEY_BYTES + "-byte limit for keys");
      }
      if (keyPrefix.isEmpty()) {
        return;
      }
      for (String segment : keyPrefix.substring(0, keyPrefix.length() - 1).split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          // Clients and HTTP stacks normalize these away, so the keys actually written would differ from
          // (and for "..", escape) the prefix the policy names.
          throw refuse("has a " + (segment.isEmpty() ? "empty ('//')" : "'" + segment + "'")
              + " path segment, which clients normalize differently; use a plain prefix such as"
              + " s3://bucket/path/to/repo/");
        }
      }
    }

    private static String describeStorage(String scheme, String rest) {
      String host = rest.split("/", 2)[0].toLowerCase(Locale.ROOT);
      return switch (scheme) {
        case "gs" -> "on Google Cloud Storage";
        case "local" -> "on lakeFS's local block adapter";
        case "mem" -> "on lakeFS's in-memory block adapter";
        case "s3a", "s3n" -> "an " + scheme + ":// URI (lakeFS storage namespaces use s3://)";
        case "http", "https" -> host.endsWith(".blob.core.windows.net") || host.endsWith(".dfs.core.windows.net")
            ? "on Azure Blob Storage" : "an " + scheme + ":// URL";
        default -> "on storage of scheme '" + scheme + "'";
      };
    }

    private InvalidStorageNamespaceException refuse(String reason) {
      String subject = value == null ? "The storage namespace" : "Storage namespace '" + value + "'";
      String of = repository == null ? "" : " of repository '" + repository + "'";
      return new InvalidStorageNamespaceException(value, repository, subject + of + " " + reason + ".");
    }
  }
}
