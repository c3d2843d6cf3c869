package io.lakefs.sts.localaws.s3;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE-KMS as S3 enforces it for callers. Writing an object under a key needs {@code kms:GenerateDataKey} on it:
 * a put or copy with {@code x-amz-server-side-encryption: aws:kms}, a part uploaded or copied into a multipart
 * upload created with it (creating one needs {@code kms:Decrypt} too). Reading such an object needs
 * {@code kms:Decrypt}: a get or head, or a copy (object or part) from it. Both are allowed by the role's and the
 * session's policies like any other action. Nothing is encrypted here: the key an object was put with is kept
 * as a user metadata entry of the back end ({@value #KEY_METADATA}), which callers never see, and reported as S3
 * reports it ({@code x-amz-server-side-encryption} and {@code ...-aws-kms-key-id}); the key of a multipart upload
 * is remembered here from its creation until it completes or is aborted.
 */
final class SseKms {
  static final String ENCRYPTION_HEADER = "x-amz-server-side-encryption";
  static final String KEY_ID_HEADER = "x-amz-server-side-encryption-aws-kms-key-id";
  /** Where the back end keeps an object's key; stripped from every answer. */
  static final String KEY_METADATA = "x-amz-meta-local-aws-kms-key-arn";
  static final String GENERATE_DATA_KEY = "kms:GenerateDataKey";
  static final String DECRYPT = "kms:Decrypt";
  private static final String AWS_KMS = "aws:kms";
  private static final String METADATA_DIRECTIVE = "x-amz-metadata-directive";
  /** What a copy keeps of its source besides the user metadata, as S3 does. */
  private static final Set<String> CONTENT_HEADERS = Set.of("content-type", "content-encoding", "content-disposition",
      "content-language", "cache-control", "expires");
  private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");

  private final String region;
  private final String accountId;
  private final URI backend;
  private final HttpClient http;
  /** The key of each multipart upload created under SSE-KMS, by upload id. */
  private final Map<String, String> uploadKeys = new ConcurrentHashMap<>();

  SseKms(String region, String accountId, URI backend, HttpClient http) {
    this.region = region;
    this.accountId = accountId;
    this.backend = backend;
    this.http = http;
  }

  /**
   * The keys one request uses.
   *
   * @param written the key the object (or part) written is encrypted under
   * @param read the key of the object read (the object got or headed, or the copy's source)
   * @param reported the key the answer reports: the object's got or headed, else the one written under (a copy's
   *     answer speaks of the copy, not its source)
   * @param backendHeaders set on the request to the back end, over the caller's: the key kept with a new object
   *     or upload, and for a copy that keeps its source's metadata, that metadata stated (the back end would copy
   *     the source's key with it)
   */
  record Use(Optional<String> written, Optional<String> read, Optional<String> reported,
      Map<String, String> backendHeaders) {
    static final Use NONE = new Use(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    /** A request that writes under {@code written} (if any) and reads an object under {@code read} (if any). */
    static Use writing(Optional<String> written, Optional<String> read, Map<String, String> backendHeaders) {
      return new Use(written, read, written, backendHeaders);
    }

    /** The KMS permissions S3 checks for this use, in the order it checks them. */
    List<S3Permission> permissions(S3Operation operation) {
      List<S3Permission> permissions = new ArrayList<>();
      written.ifPresent(key -> permissions.add(new S3Permission(GENERATE_DATA_KEY, key, Map.of())));
      if (operation.name().equals("REST.POST.UPLOADS")) {
        written.ifPresent(key -> permissions.add(new S3Permission(DECRYPT, key, Map.of())));
      }
      read.ifPresent(key -> permissions.add(new S3Permission(DECRYPT, key, Map.of())));
      return permissions;
    }
  }

  /**
   * The keys {@code operation} uses: the one its SSE headers ask to encrypt with (a put, a copy, a new multipart
   * upload) or its upload's (a part), and the one the object it reads was put with, asked of the back end.
   *
   * @param rawPath the request's path as sent, {@code /bucket/key}
   */
  Use use(S3Operation operation, Map<String, List<String>> headers, String rawPath, Optional<String> uploadId)
      throws IOException, S3ClassificationException {
    switch (operation.name()) {
      case "REST.PUT.OBJECT", "REST.POST.UPLOADS" -> {
        Optional<String> written = keyToEncryptWith(headers);
        return Use.writing(written, Optional.empty(), kept(written));
      }
      case "REST.GET.OBJECT", "REST.HEAD.OBJECT" -> {
        if (operation.key() == null) {
          return Use.NONE;
        }
        Optional<String> read = head(rawPath, Optional.empty()).flatMap(SseKms::keyOf);
        return new Use(Optional.empty(), read, read, Map.of());
      }
      case "REST.COPY.OBJECT" -> {
        Optional<String> written = keyToEncryptWith(headers);
        Optional<HttpHeaders> source = source(headers);
        Optional<String> read = source.flatMap(SseKms::keyOf);
        boolean replaces = header(headers, METADATA_DIRECTIVE).filter("REPLACE"::equalsIgnoreCase).isPresent();
        if (replaces || (written.isEmpty() && read.isEmpty())) {
          return Use.writing(written, read, kept(written));
        }
        Map<String, String> metadata = new HashMap<>(kept(written));
        metadata.put(METADATA_DIRECTIVE, "REPLACE");
        source.get().map().forEach((name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if ((CONTENT_HEADERS.contains(lower) || lower.startsWith("x-amz-meta-")) && !lower.equals(KEY_METADATA)) {
            metadata.put(name, values.get(0));
          }
        });
        return Use.writing(written, read, metadata);
      }
      case "REST.PUT.PART" -> {
        return Use.writing(uploadId.map(uploadKeys::get), Optional.empty(), Map.of());
      }
      case "REST.COPY.PART" -> {
        return Use.writing(uploadId.map(uploadKeys::get), source(headers).flatMap(SseKms::keyOf), Map.of());
      }
      default -> {
        return Use.NONE;
      }
    }
  }

  private static Map<String, String> kept(Optional<String> written) {
    return written.map(key -> Map.of(KEY_METADATA, key)).orElse(Map.of());
  }

  /**
   * What a multipart upload's answer says of its key: a new upload's id is remembered with the key it was created
   * under, a completed or aborted one's is forgotten.
   *
   * @param answer the back end's answer body; read only for a new upload under SSE-KMS
   */
  void answered(S3Operation operation, Use use, Optional<String> uploadId, int status, byte[] answer) {
    if (status / 100 != 2) {
      return;
    }
    if (operation.name().equals("REST.POST.UPLOADS") && use.written().isPresent()) {
      Matcher id = UPLOAD_ID.matcher(new String(answer, StandardCharsets.UTF_8));
      if (id.find()) {
        uploadKeys.put(id.group(1), use.written().get());
      }
    } else if (operation.name().equals("REST.POST.UPLOAD") || operation.name().equals("REST.DELETE.UPLOAD")) {
      uploadId.ifPresent(uploadKeys::remove);
    }
  }

  /** Whether {@link #answered} needs the body of this answer. */
  static boolean readsAnswer(S3Operation operation, Use use) {
    return operation.name().equals("REST.POST.UPLOADS") && use.written().isPresent();
  }

  /**
   * The key the request's headers ask the object to be encrypted with: the key id header as an ARN, or S3's own
   * {@code aws/s3} key when the header names none. Empty when the request asks no SSE-KMS.
   */
  private Optional<String> keyToEncryptWith(Map<String, List<String>> headers) {
    Optional<String> encryption = header(headers, ENCRYPTION_HEADER);
    if (encryption.isEmpty() || !encryption.get().toLowerCase(Locale.ROOT).startsWith(AWS_KMS)) {
      return Optional.empty();
    }
    return Optional.of(header(headers, KEY_ID_HEADER).map(this::keyArn)
        .orElse("arn:aws:kms:" + region + ":" + accountId + ":alias/aws/s3"));
  }

  /** The back end's answer to a head of the copy source; empty when there is none, or no such object. */
  private Optional<HttpHeaders> source(Map<String, List<String>> headers)
      throws IOException, S3ClassificationException {
    Optional<String> header = header(headers, "x-amz-copy-source");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    CopySource source = CopySource.parse(header.get());
    try {
      URI object = new URI(backend.getScheme(), null, backend.getHost(), backend.getPort(),
          "/" + source.bucket() + "/" + source.key(), null, null);
      return head(object.getRawPath(), source.versionId());
    } catch (URISyntaxException e) {
      throw new S3ClassificationException("InvalidArgument", "x-amz-copy-source \"" + header.get()
          + "\" does not name an object: " + e.getReason());
    }
  }

  /** The key an existing object was put with; empty for objects without SSE-KMS. */
  private static Optional<String> keyOf(HttpHeaders object) {
    return object.firstValue(KEY_METADATA);
  }

  /**
   * The back end's answer to a head of an object; empty when there is no such object.
   *
   * @param rawPath {@code /bucket/key}, encoded
   */
  private Optional<HttpHeaders> head(String rawPath, Optional<String> versionId) throws IOException {
    HttpRequest head = HttpRequest.newBuilder(URI.create(backend + rawPath
            + versionId.map(id -> "?versionId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).orElse("")))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
    try {
      HttpResponse<Void> response = http.send(head, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 ? Optional.of(response.headers()) : Optional.empty();
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
