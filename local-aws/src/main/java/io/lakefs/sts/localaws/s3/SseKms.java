package io.lakefs.sts.localaws.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SSE-KMS as S3 enforces it for callers: an object put with {@code x-amz-server-side-encryption: aws:kms}
 * needs {@code kms:GenerateDataKey} on the key (a multipart upload {@code kms:Decrypt} too), and a get or
 * head of such an object needs {@code kms:Decrypt}, both allowed by the role's and the session's policies
 * like any other action. Nothing is encrypted here: the key an object was put with is kept as a user
 * metadata entry of the back end ({@value #KEY_METADATA}), which callers never see, and reported as S3
 * reports it ({@code x-amz-server-side-encryption} and {@code ...-aws-kms-key-id}).
 */
final class SseKms {
  static final String ENCRYPTION_HEADER = "x-amz-server-side-encryption";
  static final String KEY_ID_HEADER = "x-amz-server-side-encryption-aws-kms-key-id";
  /** Where the back end keeps an object's key; stripped from every answer. */
  static final String KEY_METADATA = "x-amz-meta-local-aws-kms-key-arn";
  static final String GENERATE_DATA_KEY = "kms:GenerateDataKey";
  static final String DECRYPT = "kms:Decrypt";
  private static final String AWS_KMS = "aws:kms";

  private final String region;
  private final String accountId;
  private final URI backend;
  private final HttpClient http;

  SseKms(String region, String accountId, URI backend, HttpClient http) {
    this.region = region;
    this.accountId = accountId;
    this.backend = backend;
    this.http = http;
  }

  /**
   * The key a put or CreateMultipartUpload asks its object to be encrypted with: the key id header as an
   * ARN, or S3's own {@code aws/s3} key when the header names none. Empty when the request asks no SSE-KMS.
   */
  Optional<String> keyToEncryptWith(S3Operation operation, Map<String, List<String>> headers) {
    boolean creates = operation.name().equals("REST.PUT.OBJECT") || operation.name().equals("REST.POST.UPLOADS");
    Optional<String> encryption = header(headers, ENCRYPTION_HEADER);
    if (!creates || encryption.isEmpty() || !encryption.get().toLowerCase(Locale.ROOT).startsWith(AWS_KMS)) {
      return Optional.empty();
    }
    return Optional.of(header(headers, KEY_ID_HEADER).map(this::keyArn)
        .orElse("arn:aws:kms:" + region + ":" + accountId + ":alias/aws/s3"));
  }

  /** The permissions putting with that key needs, as S3 checks them. */
  List<S3Permission> encryptPermissions(S3Operation operation, String keyArn) {
    S3Permission generate = new S3Permission(GENERATE_DATA_KEY, keyArn, Map.of());
    return operation.name().equals("REST.POST.UPLOADS")
        ? List.of(generate, new S3Permission(DECRYPT, keyArn, Map.of())) : List.of(generate);
  }

  /**
   * The key an existing object was put with, asked of the back end; empty for objects without SSE-KMS.
   *
   * @param rawPath the request's path as sent, {@code /bucket/key}
   */
  Optional<String> keyOf(S3Operation operation, String rawPath) throws IOException {
    boolean reads = operation.name().equals("REST.GET.OBJECT") || operation.name().equals("REST.HEAD.OBJECT");
    if (!reads || operation.key() == null) {
      return Optional.empty();
    }
    HttpRequest head = HttpRequest.newBuilder(URI.create(backend + rawPath))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
    try {
      HttpResponse<Void> response = http.send(head, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 ? response.headers().firstValue(KEY_METADATA) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking the storage back end for an object's key", e);
    }
  }

  private String keyArn(String keyId) {
    return keyId.startsWith("arn:") ? keyId : "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
  }

  private static Optional<String> header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .flatMap(entry -> entry.getValue().stream()).findFirst().map(String::trim);
  }
}
