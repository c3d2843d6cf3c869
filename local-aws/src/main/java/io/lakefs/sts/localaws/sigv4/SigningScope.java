package io.lakefs.sts.localaws.sigv4;

import java.util.Objects;

/**
 * Who signed a request and for what: the credential scope of a SigV4 signature. Callers look the access
 * key up to find the secret, and check region and service themselves (the verifier does not know which
 * endpoint it serves).
 *
 * @param date the scope date, yyyyMMdd
 */
public record SigningScope(String accessKeyId, String date, String region, String service) {
  public SigningScope {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(service, "service");
  }

  /** The scope as it appears in the string to sign: date/region/service/aws4_request. */
  String credentialScope() {
    return date + "/" + region + "/" + service + "/aws4_request";
  }
}
