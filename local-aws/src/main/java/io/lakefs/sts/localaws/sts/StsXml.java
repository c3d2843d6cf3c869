package io.lakefs.sts.localaws.sts;

import io.lakefs.sts.localaws.XmlText;
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


  private static void responseMetadata(StringBuilder xml, String requestId) {
    xml.append("  <ResponseMetadata>\n");
    element(xml, "    ", "RequestId", requestId);
    xml.append("  </ResponseMetadata>\n");
  }

  private static void element(StringBuilder xml, String indent, String name, String value) {
    xml.append(indent).append('<').append(name).append('>').append(XmlText.escape(value)).append("</").append(name)
        .append(">\n");
  }
}
