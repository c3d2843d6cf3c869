package io.lakefs.sts.localaws.sigv4;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The canonical request of AWS Signature Version 4, built from the request as received, following
 * "Create a canonical request" in the IAM User Guide (Signature Version 4 signing process).
 */
final class CanonicalRequest {
  private CanonicalRequest() {
  }

  static String build(SignedRequest request, SigV4Authorization authorization, boolean doubleEncodePath,
      String payloadHash) throws SigV4Exception {
    return request.method() + "\n"
        + canonicalUri(request.rawPath(), doubleEncodePath) + "\n"
        + canonicalQuery(request.rawQuery(), authorization.presigned()) + "\n"
        + canonicalHeaders(request, authorization.signedHeaders()) + "\n"
        + String.join(";", authorization.signedHeaders()) + "\n"
        + payloadHash;
  }

  /**
   * S3 signs the path exactly as sent. Every other service normalizes it (RFC 3986 dot-segment removal)
   * and percent-encodes the already-encoded path a second time, so "%2F" is signed as "%252F".
   */
  static String canonicalUri(String rawPath, boolean doubleEncodePath) {
    String path = rawPath.isEmpty() ? "/" : rawPath;
    if (doubleEncodePath) {
      path = UriEncoding.encode(removeDotSegments(path), true);
    }
    return path.startsWith("/") ? path : "/" + path;
  }

  /**
   * Names and values decoded then re-encoded with the unreserved set, sorted by name then value; a
   * presigned request's own X-Amz-Signature is left out since it cannot sign itself.
   */
  static String canonicalQuery(String rawQuery, boolean presigned) throws SigV4Exception {
    List<QueryParameter> encoded = new ArrayList<>();
    for (QueryParameter parameter : QueryParameter.parse(rawQuery)) {
      if (presigned && parameter.name().equals("X-Amz-Signature")) {
        continue;
      }
      encoded.add(new QueryParameter(UriEncoding.encode(parameter.name(), false),
          UriEncoding.encode(parameter.value(), false)));
    }
    encoded.sort(Comparator.comparing(QueryParameter::name).thenComparing(QueryParameter::value));
    return encoded.stream().map(p -> p.name() + "=" + p.value()).collect(Collectors.joining("&"));
  }

  /** One "name:value\n" line per signed header; repeated headers join with ',', whitespace runs collapse. */
  static String canonicalHeaders(SignedRequest request, List<String> signedHeaders) throws SigV4Exception {
    StringBuilder out = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = request.header(name);
      if (values.isEmpty()) {
        throw new SigV4Exception(SigV4Exception.Reason.MISMATCH, "header '" + name
            + "' is listed in SignedHeaders but is not in the request; a proxy may have removed it");
      }
      out.append(name).append(':')
          .append(values.stream().map(CanonicalRequest::trimAll).collect(Collectors.joining(",")))
          .append('\n');
    }
    return out.toString();
  }

  /** Trims and turns each run of whitespace into one space, as SigV4's "Trimall" does. */
  static String trimAll(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean pendingSpace = false;
    for (char c : value.strip().toCharArray()) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b') {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** RFC 3986 section 5.2.4, on segments: "." goes, ".." drops the previous segment; a trailing slash stays. */
  static String removeDotSegments(String path) {
    String[] segments = path.split("/", -1);
    Deque<String> kept = new ArrayDeque<>();
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if (segment.equals(".") || segment.equals("..")) {
        if (segment.equals("..") && kept.size() > 1) {
          kept.removeLast();
        }
        if (last) {
          kept.addLast("");
        }
        continue;
      }
      kept.addLast(segment);
    }
    String joined = String.join("/", kept);
    return joined.startsWith("/") ? joined : "/" + joined;
  }
}
