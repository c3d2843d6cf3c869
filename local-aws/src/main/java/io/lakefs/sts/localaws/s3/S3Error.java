package io.lakefs.sts.localaws.s3;

import io.lakefs.sts.localaws.XmlText;

/** A refusal the gateway answers itself, before the storage back end sees the request. */
final class S3Error extends Exception {
  private final int status;
  private final String code;

  S3Error(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** The XML body S3 sends with an error. */
  String toXml(String resource, String requestId) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + XmlText.escape(code) + "</Code><Message>"
        + XmlText.escape(getMessage()) + "</Message><Resource>" + XmlText.escape(resource) + "</Resource><RequestId>"
        + requestId + "</RequestId></Error>";
  }

  static S3Error accessDenied(String message) {
    return new S3Error(403, "AccessDenied", message);
  }
}
