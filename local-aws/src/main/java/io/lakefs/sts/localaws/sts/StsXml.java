package io.lakefs.sts.localaws.sts;

import io.lakefs.sts.localaws.iam.RoleSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalInt;

/** The XML STS answers with (AWS Query protocol, API version 2011-06-15). */
final class StsXml {
  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private StsXml() {
  }

  static String assumeRoleResponse(RoleSession session, OptionalInt packedPolicySize, String requestId) {
    StringBuilder xml = new StringBuilder(2048);
    xml.append("<AssumeRoleResponse xmlns=\"").append(NAMESPACE).append("\">\n")
        .append("  <AssumeRoleResult>\n");
    session.sourceIdentity().ifPresent(s -> element(xml, "    ", "SourceIdentity", s));
    xml.append("    <AssumedRoleUser>\n");
    element(xml, "      ", "Arn", session.assumedRoleArn());
    element(xml, "      ", "AssumedRoleId", session.assumedRoleId());
    xml.append("    </AssumedRoleUser>\n")
        .append("    <Credentials>\n");
    element(xml, "      ", "AccessKeyId", session.accessKeyId());
    element(xml, "      ", "SecretAccessKey", session.secretAccessKey());
    element(xml, "      ", "SessionToken", session.sessionToken());
    element(xml, "      ", "Expiration", iso8601(session.expiration()));
    xml.append("    </Credentials>\n");
    packedPolicySize.ifPresent(size -> element(xml, "    ", "PackedPolicySize", String.valueOf(size)));
    xml.append("  </AssumeRoleResult>\n");
    responseMetadata(xml, requestId);
    return xml.append("</AssumeRoleResponse>\n").toString();
  }

  static String getCallerIdentityResponse(Caller caller, String requestId) {
    StringBuilder xml = new StringBuilder(512);
    xml.append("<GetCallerIdentityResponse xmlns=\"").append(NAMESPACE).append("\">\n")
        .append("  <GetCallerIdentityResult>\n");
    element(xml, "    ", "Arn", caller.arn());
    element(xml, "    ", "UserId", caller.userId());
    element(xml, "    ", "Account", caller.accountId());
    xml.append("  </GetCallerIdentityResult>\n");
    responseMetadata(xml, requestId);
    return xml.append("</GetCallerIdentityResponse>\n").toString();
  }

  static String errorResponse(StsError error, String requestId) {
    StringBuilder xml = new StringBuilder(512);
    xml.append("<ErrorResponse xmlns=\"").append(NAMESPACE).append("\">\n")
        .append("  <Error>\n");
    element(xml, "    ", "Type", error.type());
    element(xml, "    ", "Code", error.code());
    element(xml, "    ", "Message", error.getMessage());
    xml.append("  </Error>\n");
    element(xml, "  ", "RequestId", requestId);
    return xml.append("</ErrorResponse>\n").toString();
  }

  /** ISO-8601 in whole seconds, as STS writes Expiration. */
  static String iso8601(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Escapes markup and drops characters XML 1.0 cannot carry at all (most control characters), which can
   * arrive inside refused input that an error message quotes.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
          out.appendCodePoint(allowed ? c : 0xFFFD);
        }
      }
    });
    return out.toString();
  }

  private static void responseMetadata(StringBuilder xml, String requestId) {
    xml.append("  <ResponseMetadata>\n");
    element(xml, "    ", "RequestId", requestId);
    xml.append("  </ResponseMetadata>\n");
  }

  private static void element(StringBuilder xml, String indent, String name, String value) {
    xml.append(indent).append('<').append(name).append('>').append(escape(value)).append("</").append(name)
        .append(">\n");
  }
}
