package io.lakefs.sts.testsupport.lakefs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWTs lakeFS's {@code POST /auth/login} issues and its auth middleware accepts as
 * {@code Authorization: Bearer} ({@code pkg/auth/token.go}): HS256 over lakeFS's shared secret, claims
 * {@code jti, iss "auth", sub <user id>, aud "login", iat, exp}. Verification follows {@code VerifyToken}:
 * a valid signature, an expiry that has not passed, audience "login" (or none). The stand-in's secret is
 * random per instance, so no token survives the stand-in that issued it.
 */
final class LoginTokens {
  /** What the login answered: the JWT and when it stops being accepted. Never shows the token. */
  record Issued(String token, Instant expiration) {
    @Override
    public String toString() {
      return "Issued{token=<redacted>, expiration=" + expiration + "}";
    }
  }

  private static final String HEADER = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

  private final byte[] secret = new byte[32];
  private final Duration lifetime;
  private final Clock clock;

  LoginTokens(Duration lifetime, Clock clock) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("a login token lifetime must be positive, not " + lifetime);
    }
    this.lifetime = lifetime;
    this.clock = clock;
    new SecureRandom().nextBytes(secret);
  }

  Issued issue(String userId) {
    Instant issuedAt = clock.instant();
    // lakeFS's exp is a NumericDate, whole seconds.
    Instant expiration = Instant.ofEpochSecond(issuedAt.plus(lifetime).getEpochSecond());
    String claims = "{\"jti\":" + LakeFSJson.string(UUID.randomUUID().toString()) + ",\"iss\":\"auth\",\"sub\":"
        + LakeFSJson.string(userId) + ",\"aud\":\"login\",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":"
        + expiration.getEpochSecond() + "}";
    String signed = HEADER + "." + base64Url(claims);
    return new Issued(signed + "." + sign(signed), expiration);
  }

  /** The user id ({@code sub}) of a token this instance issued that has not expired; empty otherwise. */
  Optional<String> verify(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    byte[] expected = sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    Map<String, Object> claims;
    try {
      claims = MiniJson.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
    // golang-jwt rejects a token once now is after exp, and requires exp (WithExpirationRequired).
    if (!(claims.get("exp") instanceof Number expiration)
        || clock.instant().isAfter(Instant.ofEpochSecond(expiration.longValue()))) {
      return Optional.empty();
    }
    Object audience = claims.getOrDefault("aud", "");
    if (!"login".equals(audience) && !"".equals(audience)) {
      return Optional.empty();
    }
    return claims.get("sub") instanceof String subject ? Optional.of(subject) : Optional.empty();
  }

  private String sign(String headerAndClaims) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(headerAndClaims.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
