package io.lakefs.sts.localaws.sts;

import java.util.Objects;

/**
 * A refusal in AWS's Query-protocol terms: HTTP status, error code and message, with AWS's wording where
 * AWS's is known. Messages never carry secrets, session tokens or signatures.
 */
final class StsError extends Exception {
  private final int status;
  private final String code;

  StsError(int status, String code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** "Sender" for client faults, "Receiver" for the service's own. */
  String type() {
    return status >= 500 ? "Receiver" : "Sender";
  }

  static StsError validation(String message) {
    return new StsError(400, "ValidationError", message);
  }

  /** AWS's wording for a principal that may not perform an action, e.g. sts:AssumeRole or sts:TagSession. */
  static StsError notAuthorized(String callerArn, String action, String resourceArn) {
    return new StsError(403, "AccessDenied",
        "User: " + callerArn + " is not authorized to perform: " + action + " on resource: " + resourceArn);
  }

  static StsError invalidClientTokenId() {
    return new StsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
  }
}
