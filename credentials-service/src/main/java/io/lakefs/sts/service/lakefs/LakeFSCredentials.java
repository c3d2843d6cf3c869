package io.lakefs.sts.service.lakefs;

import io.lakefs.sts.protocol.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A caller's lakeFS access key id and secret, as lakeFSFS sends them (HTTP Basic) and as the service
 * passes them on to lakeFS to act as that caller. The secret never leaves this class except as the
 * Authorization header sent to lakeFS and as bytes for a keyed digest; {@link #toString()} redacts it.
 */
public final class LakeFSCredentials {
  private static final String BASIC = "Basic ";
  private static final String HOW_TO_SEND = "; send the lakeFS access key id and secret (fs.lakefs.access.key,"
      + " fs.lakefs.secret.key) as HTTP Basic credentials: 'Authorization: Basic base64(accessKeyId:secret)'";

  private final String accessKeyId;
  private final Secret secret;

  /**
   * @throws IllegalArgumentException if either is empty, or the access key id holds a ':' (HTTP Basic
   *     cannot carry one: the first ':' ends the user name)
   */
  public LakeFSCredentials(String accessKeyId, String secretAccessKey) {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("lakeFS credentials need a non-empty access key id and secret; got access"
          + " key id '" + MessageText.of(accessKeyId) + "' and " + (secretAccessKey.isEmpty() ? "an empty" : "a")
          + " secret");
    }
    if (accessKeyId.indexOf(':') >= 0) {
      throw new IllegalArgumentException("lakeFS access key id '" + MessageText.of(accessKeyId) + "' contains ':',"
          + " which HTTP Basic credentials cannot carry; lakeFS access key ids never do, so check where it came from");
    }
    this.accessKeyId = accessKeyId;
    this.secret = Secret.of(secretAccessKey);
  }

  /**
   * Reads an {@code Authorization} header value as Go's {@code Request.BasicAuth()} does, since that is
   * how lakeFS will read the same credentials: scheme "Basic" in any case, padded standard base64
   * (CR and LF ignored), split at the first ':'. Beyond Go, the decoded bytes must be UTF-8 and neither part
   * may be empty, since lakeFS could never accept such credentials.
   *
   * @param authorization the header value, or null when the request had none
   * @throws MalformedAuthorizationException saying what is wrong, never echoing the header (it holds the secret)
   */
  public static LakeFSCredentials fromAuthorizationHeader(String authorization) throws MalformedAuthorizationException {
    if (authorization == null || authorization.isBlank()) {
      throw new MalformedAuthorizationException("the request has no Authorization header" + HOW_TO_SEND);
    }
    String value = trimSpacesAndTabs(authorization);
    if (value.equalsIgnoreCase(BASIC.strip())) {
      throw new MalformedAuthorizationException("the Authorization header has no credentials after 'Basic'"
          + HOW_TO_SEND);
    }
    if (value.length() < BASIC.length() || !value.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      throw new MalformedAuthorizationException("the Authorization header does not use the Basic scheme"
          + HOW_TO_SEND);
    }
    String decoded = utf8(base64(value.substring(BASIC.length())));
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new MalformedAuthorizationException("the Authorization header's Basic credentials have no ':' between"
          + " access key id and secret" + HOW_TO_SEND);
    }
    String accessKeyId = decoded.substring(0, colon);
    if (accessKeyId.isEmpty()) {
      throw new MalformedAuthorizationException("the Authorization header's Basic credentials have an empty access"
          + " key id" + HOW_TO_SEND);
    }
    if (colon == decoded.length() - 1) {
      throw new MalformedAuthorizationException("the Authorization header's Basic credentials for access key id '"
          + MessageText.of(accessKeyId) + "' have an empty secret" + HOW_TO_SEND, accessKeyId);
    }
    return new LakeFSCredentials(accessKeyId, decoded.substring(colon + 1));
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  /**
   * The header lakeFS gets. Encoded as UTF-8 here rather than by the SDK's HTTP Basic support, which
   * encodes as ISO-8859-1 and so would send '?' for other characters.
   */
  String authorizationHeader() {
    byte[] pair = (accessKeyId + ":" + secret.reveal()).getBytes(StandardCharsets.UTF_8);
    return BASIC + Base64.getEncoder().encodeToString(pair);
  }

  /** The secret's bytes, for a keyed digest that tells secrets apart without keeping them. */
  byte[] secretBytes() {
    return secret.reveal().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "LakeFSCredentials{accessKeyId=" + MessageText.of(accessKeyId) + ", secret=<redacted>}";
  }

  /** As HTTP parsers, Go's among them, do around a header value. */
  private static String trimSpacesAndTabs(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    return value.substring(start, end);
  }

  private static byte[] base64(String encoded) throws MalformedAuthorizationException {
    String stripped = encoded.replace("\r", "").replace("\n", "");
    // Go's StdEncoding insists on padding to whole 4-character groups; Java's decoder would not.
    if (stripped.length() % 4 == 0) {
      try {
        return Base64.getDecoder().decode(stripped);
      } catch (IllegalArgumentException notBase64) {
        // answered below, without the decoder's message: it quotes the offending character
      }
    }
    throw new MalformedAuthorizationException("the Authorization header's Basic credentials are not padded"
        + " standard base64" + HOW_TO_SEND);
  }

  private static String utf8(byte[] bytes) throws MalformedAuthorizationException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedAuthorizationException("the Authorization header's Basic credentials are not UTF-8 text"
          + HOW_TO_SEND);
    }
  }
}
