package io.lakefs.sts.localaws.iam;

/** A policy document IAM would refuse, with IAM's explanation. */
public final class MalformedPolicyException extends Exception {
  public MalformedPolicyException(String message) {
    super(message);
  }

  public MalformedPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
