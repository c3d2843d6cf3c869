package io.lakefs.sts.localaws.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 (AWS4-HMAC-SHA256), header or presigned-query form, for the loopback
 * STS and S3 endpoints. It holds no credentials: callers find the secret for {@link #scope}'s access key.
 *
 * <p>Streaming uploads (x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD and the other STREAMING-
 * markers) are checked on their seed signature only; the per-chunk signatures in the aws-chunked body are
 * not verified. That is enough for a test stand-in: the seed signature already proves who sent the request.
 */
public final class SigV4Verifier {
  static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Duration maxClockSkew;
  private final boolean doubleEncodePath;

  /**
   * @param maxClockSkew how far X-Amz-Date may be from the clock; AWS allows 15 minutes
   * @param doubleEncodePath false for S3, which signs the path as sent; true for every other service
   */
  public SigV4Verifier(Clock clock, Duration maxClockSkew, boolean doubleEncodePath) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative, was " + maxClockSkew);
    }
    this.doubleEncodePath = doubleEncodePath;
  }

  /**
   * Who signed: from the Authorization header, or from X-Amz-Credential for presigned (query) auth.
   *
   * @throws SigV4Exception MISSING if the request is not SigV4-signed at all, MALFORMED if it is but cannot
   *     be parsed
   */
  public SigningScope scope(SignedRequest request) throws SigV4Exception {
    return SigV4Authorization.from(request).scope();
  }

  /**
   * Verifies the signature with the secret, after checking the request time: X-Amz-Date (or Date) against
   * the clock (CLOCK_SKEW) and, for presigned requests, X-Amz-Date + X-Amz-Expires (PRESIGNED_EXPIRED).
   * The signatures are compared in constant time.
   *
   * @param payloadHash the last line of the canonical request: for S3 the x-amz-content-sha256 value as
   *     sent (including UNSIGNED-PAYLOAD and STREAMING-... markers; UNSIGNED-PAYLOAD for presigned URLs),
   *     for other services the hex SHA-256 of the body, computed by the caller
   */
  public void verify(SignedRequest request, String secretAccessKey, String payloadHash) throws SigV4Exception {
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(payloadHash, "payloadHash");
    SigV4Authorization authorization = SigV4Authorization.from(request);
    SigningScope scope = authorization.scope();
    String amzDate = requestDate(request, authorization);
    Instant signedAt = parseAmzDate(amzDate);
    if (!amzDate.startsWith(scope.date())) {
      throw new SigV4Exception(SigV4Exception.Reason.MISMATCH, "Date in Credential scope does not match YYYYMMDD"
          + " from ISO-8601 version of date from HTTP: '" + scope.date() + "' != '" + amzDate.substring(0, 8)
          + "', from '" + amzDate + "'.");
    }
    checkTime(authorization, signedAt);

    String canonicalRequest = CanonicalRequest.build(request, authorization, doubleEncodePath, payloadHash);
    String stringToSign = SigV4Authorization.ALGORITHM + "\n" + amzDate + "\n" + scope.credentialScope() + "\n"
        + SigningKey.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    String expected = SigningKey.signature(secretAccessKey, scope, stringToSign);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw new SigV4Exception(SigV4Exception.Reason.MISMATCH, "The request signature we calculated does not match"
          + " the signature you provided for access key " + scope.accessKeyId() + ". Check your AWS Secret Access"
          + " Key and signing method.");
    }
  }

  /** The timestamp that went into the string to sign, in ISO-8601 basic form. */
  private static String requestDate(SignedRequest request, SigV4Authorization authorization) throws SigV4Exception {
    if (authorization.presigned()) {
      return authorization.presignedDate().orElseThrow();
    }
    String amzDate = request.firstHeader("X-Amz-Date");
    if (amzDate != null) {
      return amzDate.trim();
    }
    String date = request.firstHeader("Date");
    if (date == null) {
      throw new SigV4Exception(SigV4Exception.Reason.MALFORMED,
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    try {
      return AMZ_DATE.format(ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (DateTimeParseException e) {
      throw new SigV4Exception(SigV4Exception.Reason.MALFORMED,
          "the Date header must be an RFC 1123 date such as 'Tue, 01 Jul 2025 10:00:00 GMT', was '" + date + "'");
    }
  }

  private static Instant parseAmzDate(String amzDate) throws SigV4Exception {
    try {
      return Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw new SigV4Exception(SigV4Exception.Reason.MALFORMED,
          "X-Amz-Date must be ISO-8601 basic format yyyyMMdd'T'HHmmss'Z', such as 20250701T100000Z, was '"
              + amzDate + "'");
    }
  }

  /** Messages follow AWS's, so a client's clock-skew handling and a reader of the log both recognize them. */
  private void checkTime(SigV4Authorization authorization, Instant signedAt) throws SigV4Exception {
    Instant now = clock.instant();
    String skew = describe(maxClockSkew);
    if (signedAt.isAfter(now.plus(maxClockSkew))) {
      throw new SigV4Exception(SigV4Exception.Reason.CLOCK_SKEW, "Signature not yet current: "
          + AMZ_DATE.format(signedAt) + " is still later than " + AMZ_DATE.format(now.plus(maxClockSkew)) + " ("
          + AMZ_DATE.format(now) + " + " + skew + ".) Check the client's clock.");
    }
    if (authorization.presigned()) {
      Instant expiresAt = signedAt.plusSeconds(authorization.expiresSeconds());
      if (now.isAfter(expiresAt)) {
        throw new SigV4Exception(SigV4Exception.Reason.PRESIGNED_EXPIRED, "Request has expired: it was presigned at "
            + AMZ_DATE.format(signedAt) + " with X-Amz-Expires=" + authorization.expiresSeconds()
            + ", so it was valid until " + AMZ_DATE.format(expiresAt) + "; it is now " + AMZ_DATE.format(now)
            + ". Presign a new URL.");
      }
    } else if (signedAt.isBefore(now.minus(maxClockSkew))) {
      throw new SigV4Exception(SigV4Exception.Reason.CLOCK_SKEW, "Signature expired: " + AMZ_DATE.format(signedAt)
          + " is now earlier than " + AMZ_DATE.format(now.minus(maxClockSkew)) + " (" + AMZ_DATE.format(now) + " - "
          + skew + ".) Check the client's clock, or sign the request again.");
    }
  }

  private static String describe(Duration duration) {
    return duration.toSecondsPart() == 0 && duration.toMinutes() > 0
        ? duration.toMinutes() + " min"
        : duration.toSeconds() + " s";
  }
}
