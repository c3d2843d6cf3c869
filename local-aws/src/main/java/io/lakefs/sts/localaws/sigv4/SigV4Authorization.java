package io.lakefs.sts.localaws.sigv4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SigV4 parts of a request, read either from the Authorization header or, for presigned URLs, from the
 * X-Amz-* query parameters. Parsing only: nothing here involves the secret.
 *
 * @param signedHeaders lower-case header names in the order the client listed them
 * @param presignedDate X-Amz-Date from the query (presigned only)
 * @param expiresSeconds X-Amz-Expires (presigned only, else 0)
 */
record SigV4Authorization(
    SigningScope scope,
    List<String> signedHeaders,
    String signature,
    boolean presigned,
    Optional<String> presignedDate,
    long expiresSeconds) {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  /** AWS caps presigned URLs at seven days, the lifetime of a derived signing key. */
  static final long MAX_EXPIRES_SECONDS = 604800;
  private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SCOPE_DATE = Pattern.compile("\\d{8}");

  SigV4Authorization {
    signedHeaders = List.copyOf(signedHeaders);
  }

  static SigV4Authorization from(SignedRequest request) throws SigV4Exception {
    String header = request.firstHeader("Authorization");
    Map<String, String> query = authQueryParameters(request.rawQuery());
    boolean queryAuth = query.containsKey("X-Amz-Algorithm") || query.containsKey("X-Amz-Credential")
        || query.containsKey("X-Amz-Signature");
    if (header != null && queryAuth) {
      throw malformed("Only one auth mechanism allowed: send either the Authorization header or the X-Amz-*"
          + " query parameters of a presigned URL, not both");
    }
    if (header != null) {
      return fromHeader(header.trim());
    }
    if (queryAuth) {
      return fromQuery(query);
    }
    throw new SigV4Exception(SigV4Exception.Reason.MISSING,
        "the request is not signed: it has neither an Authorization header nor X-Amz-Signature query parameters");
  }

  private static SigV4Authorization fromHeader(String header) throws SigV4Exception {
    int space = header.indexOf(' ');
    String algorithm = space < 0 ? header : header.substring(0, space);
    if (!algorithm.equals(ALGORITHM)) {
      throw unsupportedAlgorithm(algorithm.equals("AWS") ? "AWS (Signature Version 2)" : algorithm);
    }
    if (space < 0) {
      throw malformed("Authorization header requires 'Credential' parameter");
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String component : header.substring(space + 1).split(",")) {
      String trimmed = component.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        throw malformed("'" + trimmed + "' not a valid key=value pair (missing equal-sign) in Authorization header");
      }
      parts.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
    }
    for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
      if (!parts.containsKey(required)) {
        throw malformed("Authorization header requires '" + required + "' parameter");
      }
    }
    return new SigV4Authorization(parseCredential(parts.get("Credential"), "Authorization header Credential"),
        parseSignedHeaders(parts.get("SignedHeaders")), parseSignature(parts.get("Signature")), false,
        Optional.empty(), 0);
  }

  private static SigV4Authorization fromQuery(Map<String, String> query) throws SigV4Exception {
    for (String required : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
        "X-Amz-SignedHeaders", "X-Amz-Signature")) {
      if (!query.containsKey(required)) {
        throw malformed("a presigned request needs the query parameter " + required);
      }
    }
    if (!query.get("X-Amz-Algorithm").equals(ALGORITHM)) {
      throw unsupportedAlgorithm(query.get("X-Amz-Algorithm"));
    }
    long expires;
    try {
      expires = Long.parseLong(query.get("X-Amz-Expires"));
    } catch (NumberFormatException e) {
      throw malformed("X-Amz-Expires must be a number of seconds, was '" + query.get("X-Amz-Expires") + "'");
    }
    if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
      throw malformed("X-Amz-Expires must be between 1 and " + MAX_EXPIRES_SECONDS + " seconds (seven days), was "
          + expires);
    }
    return new SigV4Authorization(parseCredential(query.get("X-Amz-Credential"), "X-Amz-Credential"),
        parseSignedHeaders(query.get("X-Amz-SignedHeaders")), parseSignature(query.get("X-Amz-Signature")), true,
        Optional.of(query.get("X-Amz-Date")), expires);
  }

  private static Map<String, String> authQueryParameters(String rawQuery) throws SigV4Exception {
    Map<String, String> found = new LinkedHashMap<>();
    for (QueryParameter parameter : QueryParameter.parse(rawQuery)) {
      if (parameter.name().startsWith("X-Amz-")) {
        found.putIfAbsent(parameter.name(), parameter.value());
      }
    }
    return found;
  }

  private static SigningScope parseCredential(String credential, String where) throws SigV4Exception {
    String[] parts = credential.split("/", -1);
    if (parts.length != 5 || !parts[4].equals("aws4_request")) {
      throw malformed(where + " must be <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request, was '"
          + credential + "'");
    }
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty()) {
        throw malformed(where + " has an empty part: '" + credential + "'");
      }
    }
    if (!SCOPE_DATE.matcher(parts[1]).matches()) {
      throw malformed(where + " date must be yyyyMMdd, was '" + parts[1] + "'");
    }
    return new SigningScope(parts[0], parts[1], parts[2], parts[3]);
  }

  private static List<String> parseSignedHeaders(String value) throws SigV4Exception {
    List<String> names = new ArrayList<>();
    for (String name : value.split(";")) {
      if (name.isBlank()) {
        throw malformed("SignedHeaders has an empty header name: '" + value + "'");
      }
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    if (!names.contains("host")) {
      throw malformed("'Host' must be a 'SignedHeader' in the AWS Authorization, SignedHeaders were '" + value + "'");
    }
    return names;
  }

  private static String parseSignature(String signature) throws SigV4Exception {
    if (!HEX_SIGNATURE.matcher(signature).matches()) {
      // The value itself is left out: it is signature material.
      throw malformed("the signature must be 64 hexadecimal characters, got " + signature.length() + " characters");
    }
    return signature.toLowerCase(Locale.ROOT);
  }

  private static SigV4Exception unsupportedAlgorithm(String algorithm) {
    return malformed("unsupported signing algorithm '" + algorithm + "': only " + ALGORITHM
        + " (AWS Signature Version 4) is accepted");
  }

  private static SigV4Exception malformed(String message) {
    return new SigV4Exception(SigV4Exception.Reason.MALFORMED, message);
  }
}
