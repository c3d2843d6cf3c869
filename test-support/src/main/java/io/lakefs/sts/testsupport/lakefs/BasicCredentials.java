package io.lakefs.sts.testsupport.lakefs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** An access key id and secret from an {@code Authorization: Basic} header; the secret is never shown. */
record BasicCredentials(String accessKeyId, String secretAccessKey) {
  private static final String PREFIX = "Basic ";

  /**
   * Parses the header as Go's {@code Request.BasicAuth()} does, which lakeFS uses: a case-insensitive
   * scheme, standard base64, split at the first colon. Anything else is no Basic credentials at all.
   */
  static Optional<BasicCredentials> parse(String authorization) {
    if (authorization.length() < PREFIX.length()
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(PREFIX.length())),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return "BasicCredentials{accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>}";
  }
}
