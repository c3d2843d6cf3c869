package io.lakefs.sts.localaws.sigv4;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own SigV4 signer must verify; any change to them must not. */
public class SigV4VerifierTest {
  private static final String ACCESS_KEY = "AKIAVERIFIERTEST0001";
  private static final String SECRET = "verifier-test-secret-0123456789abcdefghij";
  private static final Instant SIGNED_AT = Instant.parse("2026-03-01T10:00:00Z");
  private static final Clock SIGNING_CLOCK = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);
  private static final String HOST = "http://127.0.0.1:9000";
  private static final String STS_BODY = "Action=AssumeRole&Version=2011-06-15&RoleSessionName=alice"
      + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Flakefs-sts";

  private final SigV4Verifier stsVerifier = verifierAt(SIGNED_AT, true);
  private final SigV4Verifier s3Verifier = verifierAt(SIGNED_AT, false);

  // ---- requests the verifier must accept

  @Test
  public void acceptsStsFormPostSignedBySdk() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    stsVerifier.verify(toSignedRequest(signed), SECRET, sha256(STS_BODY));
    assertEquals(new SigningScope(ACCESS_KEY, "20260301", "us-east-1", "sts"),
        stsVerifier.scope(toSignedRequest(signed)));
  }

  @Test
  public void acceptsS3GetWithQueryNeedingEncoding() throws Exception {
    SdkHttpRequest signed = signS3(get("/lakefs-data")
        .putRawQueryParameter("list-type", "2")
        .putRawQueryParameter("prefix", "users/alice smith/ä+b*~")
        .putRawQueryParameter("delimiter", "/")
        .putRawQueryParameter("acl", (String) null)
        .build(), null, props -> { });
    s3Verifier.verify(toSignedRequest(signed), SECRET, contentSha256(signed));
  }

  @Test
  public void acceptsS3PutWithPayloadHashAndEncodedKey() throws Exception {
    String body = "hello, lakeFS";
    SdkHttpRequest signed = signS3(SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
        .uri(URI.create(HOST + "/lakefs-data/dir%20one/file%2Bname.txt"))
        .putHeader("Content-Type", "text/plain")
        .putHeader("X-Amz-Meta-Note", "  several   spaces  inside ")
        .appendHeader("X-Amz-Meta-Multi", "first")
        .appendHeader("X-Amz-Meta-Multi", "second")
        .putHeader("Content-Length", String.valueOf(body.length()))
        .build(), body, props -> props.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
    assertEquals(sha256(body), contentSha256(signed));
    s3Verifier.verify(toSignedRequest(signed), SECRET, contentSha256(signed));
  }

  @Test
  public void headerNamesAreMatchedCaseInsensitively() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    Map<String, List<String>> shouting = new LinkedHashMap<>();
    signed.headers().forEach((name, values) -> shouting.put(name.toUpperCase(Locale.ROOT), values));
    stsVerifier.verify(new SignedRequest("POST", signed.encodedPath(), signed.getUri().getRawQuery(), shouting),
        SECRET, sha256(STS_BODY));
  }

  @Test
  public void acceptsPresignedS3Url() throws Exception {
    SdkHttpRequest signed = signS3(get("/lakefs-data/report.csv").putRawQueryParameter("versionId", "v 1").build(),
        null, presigned(Duration.ofMinutes(10)));
    assertTrue(signed.getUri().getRawQuery().contains("X-Amz-Signature="));
    assertFalse(signed.firstMatchingHeader("Authorization").isPresent());
    SigningScope scope = s3Verifier.scope(toSignedRequest(signed));
    assertEquals(ACCESS_KEY, scope.accessKeyId());
    assertEquals("s3", scope.service());
    verifierAt(SIGNED_AT.plus(Duration.ofMinutes(9)), false)
        .verify(toSignedRequest(signed), SECRET, "UNSIGNED-PAYLOAD");
  }

  @Test
  public void acceptsStreamingUploadOnItsSeedSignature() throws Exception {
    String body = "x".repeat(100);
    SdkHttpRequest signed = signS3(SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
        .uri(URI.create(HOST + "/lakefs-data/big.bin"))
        .putHeader("Content-Length", String.valueOf(body.length()))
        .build(), body, props -> props
        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
        .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true));
    assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", contentSha256(signed));
    s3Verifier.verify(toSignedRequest(signed), SECRET, contentSha256(signed));
  }

  @Test
  public void nonS3ServicesSignTheDoubleEncodedPath() throws Exception {
    SdkHttpRequest signed = sign(SdkHttpRequest.builder().method(SdkHttpMethod.GET)
        .uri(URI.create(HOST + "/some%20path/./a:b"))
        .build(), null, "sts", props -> { });
    stsVerifier.verify(toSignedRequest(signed), SECRET, sha256(""));
    expect(SigV4Exception.Reason.MISMATCH, () -> s3Verifier.verify(toSignedRequest(signed), SECRET, sha256("")));
  }

  // ---- requests the verifier must refuse

  @Test
  public void refusesTamperedHeader() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    SignedRequest tampered = withHeader(toSignedRequest(signed), "Content-Type", "text/plain");
    expect(SigV4Exception.Reason.MISMATCH, () -> stsVerifier.verify(tampered, SECRET, sha256(STS_BODY)));
  }

  @Test
  public void refusesMissingSignedHeader() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    Map<String, List<String>> headers = new HashMap<>(signed.headers());
    headers.remove("Content-Type");
    SigV4Exception e = expect(SigV4Exception.Reason.MISMATCH, () -> stsVerifier.verify(
        new SignedRequest("POST", "/", null, headers), SECRET, sha256(STS_BODY)));
    assertTrue(e.getMessage(), e.getMessage().contains("content-type"));
  }

  @Test
  public void refusesTamperedQuery() throws Exception {
    SdkHttpRequest signed = signS3(get("/lakefs-data").putRawQueryParameter("prefix", "users/alice/").build(), null,
        props -> { });
    SignedRequest original = toSignedRequest(signed);
    SignedRequest tampered = new SignedRequest("GET", original.rawPath(), "prefix=users%2Fbob%2F", original.headers());
    expect(SigV4Exception.Reason.MISMATCH, () -> s3Verifier.verify(tampered, SECRET, contentSha256(signed)));
  }

  @Test
  public void refusesTamperedPath() throws Exception {
    SdkHttpRequest signed = signS3(get("/lakefs-data/alice.txt").build(), null, props -> { });
    SignedRequest original = toSignedRequest(signed);
    SignedRequest tampered = new SignedRequest("GET", "/lakefs-data/bob.txt", null, original.headers());
    expect(SigV4Exception.Reason.MISMATCH, () -> s3Verifier.verify(tampered, SECRET, contentSha256(signed)));
  }

  @Test
  public void refusesTamperedMethod() throws Exception {
    SdkHttpRequest signed = signS3(get("/lakefs-data/alice.txt").build(), null, props -> { });
    SignedRequest original = toSignedRequest(signed);
    SignedRequest tampered = new SignedRequest("DELETE", original.rawPath(), null, original.headers());
    expect(SigV4Exception.Reason.MISMATCH, () -> s3Verifier.verify(tampered, SECRET, contentSha256(signed)));
  }

  @Test
  public void refusesTamperedBody() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    String otherBody = STS_BODY.replace("alice", "mallory");
    expect(SigV4Exception.Reason.MISMATCH,
        () -> stsVerifier.verify(toSignedRequest(signed), SECRET, sha256(otherBody)));
  }

  @Test
  public void refusesWrongSecretWithoutRevealingIt() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    String wrongSecret = "not-the-secret-0123456789abcdefghijklmno";
    SigV4Exception e = expect(SigV4Exception.Reason.MISMATCH,
        () -> stsVerifier.verify(toSignedRequest(signed), wrongSecret, sha256(STS_BODY)));
    assertFalse(e.getMessage().contains(wrongSecret));
    assertFalse(e.getMessage().contains(SECRET));
    String signature = signed.firstMatchingHeader("Authorization").orElseThrow().replaceAll(".*Signature=", "");
    assertFalse(e.getMessage().contains(signature));
    assertTrue(e.getMessage(), e.getMessage().contains(ACCESS_KEY));
  }

  @Test
  public void refusesExpiredPresignedUrl() throws Exception {
    SdkHttpRequest signed = signS3(get("/lakefs-data/report.csv").build(), null, presigned(Duration.ofMinutes(5)));
    SigV4Exception e = expect(SigV4Exception.Reason.PRESIGNED_EXPIRED,
        () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(6)), false)
            .verify(toSignedRequest(signed), SECRET, "UNSIGNED-PAYLOAD"));
    assertTrue(e.getMessage(), e.getMessage().contains("X-Amz-Expires=300"));
  }

  @Test
  public void refusesRequestSignedTooLongAgo() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    SigV4Exception e = expect(SigV4Exception.Reason.CLOCK_SKEW,
        () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(16)), true)
            .verify(toSignedRequest(signed), SECRET, sha256(STS_BODY)));
    assertEquals("Signature expired: 20260301T100000Z is now earlier than 20260301T100100Z"
        + " (20260301T101600Z - 15 min.) Check the client's clock, or sign the request again.", e.getMessage());
    // Within the allowed skew the same request is fine.
    verifierAt(SIGNED_AT.plus(Duration.ofMinutes(14)), true).verify(toSignedRequest(signed), SECRET, sha256(STS_BODY));
  }

  @Test
  public void refusesRequestSignedInTheFuture() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    SigV4Exception e = expect(SigV4Exception.Reason.CLOCK_SKEW,
        () -> verifierAt(SIGNED_AT.minus(Duration.ofMinutes(20)), true)
            .verify(toSignedRequest(signed), SECRET, sha256(STS_BODY)));
    assertTrue(e.getMessage(), e.getMessage().startsWith("Signature not yet current: 20260301T100000Z"));
  }

  @Test
  public void unsignedRequestIsMissing() {
    SignedRequest anonymous = new SignedRequest("GET", "/lakefs-data/a", "x=1",
        Map.of("Host", List.of("127.0.0.1:9000")));
    expect(SigV4Exception.Reason.MISSING, () -> s3Verifier.scope(anonymous));
    expect(SigV4Exception.Reason.MISSING, () -> s3Verifier.verify(anonymous, SECRET, "UNSIGNED-PAYLOAD"));
  }

  @Test
  public void unparseableAuthorizationIsMalformed() {
    for (String authorization : List.of(
        "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20260301/us-east-1/sts/aws4_request",
        "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/2026-03-01/us-east-1/sts/aws4_request, SignedHeaders=host,"
            + " Signature=" + "0".repeat(64),
        "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20260301/us-east-1/sts/aws4_request,"
            + " SignedHeaders=x-amz-date, Signature=" + "0".repeat(64),
        "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20260301/us-east-1/sts/aws4_request, SignedHeaders=host,"
            + " Signature=xyz",
        "AWS " + ACCESS_KEY + ":c2lnbmF0dXJl",
        "AWS4-HMAC-SHA256")) {
      SignedRequest request = new SignedRequest("POST", "/", null, Map.of(
          "Host", List.of("127.0.0.1:9000"), "X-Amz-Date", List.of("20260301T100000Z"),
          "Authorization", List.of(authorization)));
      SigV4Exception e = expect(SigV4Exception.Reason.MALFORMED, () -> stsVerifier.verify(request, SECRET, sha256("")));
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Test
  public void malformedPresignedExpiryIsMalformed() throws Exception {
    SdkHttpRequest signed = signS3(get("/lakefs-data/a").build(), null, presigned(Duration.ofMinutes(5)));
    SignedRequest original = toSignedRequest(signed);
    SignedRequest tooLong = new SignedRequest("GET", original.rawPath(),
        original.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604801"), original.headers());
    expect(SigV4Exception.Reason.MALFORMED, () -> s3Verifier.verify(tooLong, SECRET, "UNSIGNED-PAYLOAD"));
  }

  @Test
  public void scopeDateMustMatchRequestDate() throws Exception {
    SdkHttpRequest signed = signSts(STS_BODY);
    SignedRequest otherDay = withHeader(toSignedRequest(signed), "X-Amz-Date", "20260302T100000Z");
    SigV4Exception e = expect(SigV4Exception.Reason.MISMATCH,
        () -> verifierAt(Instant.parse("2026-03-02T10:00:00Z"), true).verify(otherDay, SECRET, sha256(STS_BODY)));
    assertTrue(e.getMessage(), e.getMessage().startsWith("Date in Credential scope does not match"));
  }

  // ---- helpers

  private static SigV4Verifier verifierAt(Instant now, boolean doubleEncodePath) {
    return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(15), doubleEncodePath);
  }

  private static SdkHttpRequest.Builder get(String path) {
    return SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(HOST + path));
  }

  private static SdkHttpRequest signSts(String body) {
    return sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(HOST + "/"))
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .build(), body, "sts", props -> { });
  }

  /** S3 signs the path as sent: the SDK's S3 client turns double encoding and normalization off. */
  private static SdkHttpRequest signS3(SdkHttpRequest request, String body,
      Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
    return sign(request, body, "s3", props -> {
      props.putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
          .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false);
      extra.accept(props);
    });
  }

  private static SdkHttpRequest sign(SdkHttpRequest request, String body, String service,
      Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
    return AwsV4HttpSigner.create().sign(props -> {
      props.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET))
          .request(request)
          .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
          .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
          .putProperty(HttpSigner.SIGNING_CLOCK, SIGNING_CLOCK);
      if (body != null) {
        props.payload(ContentStreamProvider.fromUtf8String(body));
      }
      extra.accept(props);
    }).request();
  }

  private static Consumer<SignRequest.Builder<AwsCredentialsIdentity>> presigned(Duration expiry) {
    return props -> props
        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry)
        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
  }

  private static SignedRequest toSignedRequest(SdkHttpRequest signed) {
    return new SignedRequest(signed.method().name(), signed.encodedPath(), signed.getUri().getRawQuery(),
        signed.headers());
  }

  private static SignedRequest withHeader(SignedRequest request, String name, String value) {
    Map<String, List<String>> headers = new HashMap<>(request.headers());
    headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
    headers.put(name, List.of(value));
    return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
  }

  private static String contentSha256(SdkHttpRequest signed) {
    return signed.firstMatchingHeader("x-amz-content-sha256").orElseThrow(
        () -> new AssertionError("the SDK did not set x-amz-content-sha256; headers were " + signed.headers()));
  }

  private static String sha256(String body) {
    return SigningKey.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
  }

  private interface Action {
    void run() throws Exception;
  }

  private static SigV4Exception expect(SigV4Exception.Reason reason, Action action) {
    try {
      action.run();
    } catch (SigV4Exception e) {
      assertEquals(e.getMessage(), reason, e.reason());
      assertFalse("a message must never carry the secret: " + e.getMessage(), e.getMessage().contains(SECRET));
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected SigV4Exception " + reason + " but got " + e, e);
    }
    fail("expected SigV4Exception " + reason + " but the request was accepted");
    return null;
  }
}
