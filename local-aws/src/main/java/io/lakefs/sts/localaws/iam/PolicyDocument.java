package io.lakefs.sts.localaws.iam;

import java.util.Map;

/**
 * API SKELETON, to be implemented (helper B): an IAM JSON policy, parsed and validated once, evaluated
 * for one (action, resource, context) at a time.
 */
public final class PolicyDocument {
  /** How a single policy judges a request: explicit deny wins over allow; no matching allow is NOT_ALLOWED. */
  public enum Decision { ALLOW, EXPLICIT_DENY, NOT_ALLOWED }

  /** Parses and validates; MalformedPolicyException's message says what is wrong, as IAM's does. */
  public static PolicyDocument parse(String json) throws MalformedPolicyException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The policy text as it was given. */
  public String json() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * @param action e.g. "s3:GetObject" (matched case-insensitively)
   * @param resourceArn e.g. "arn:aws:s3:::bucket/key"
   * @param context condition keys such as "s3:prefix" (matched case-insensitively), values as sent
   */
  public Decision evaluate(String action, String resourceArn, Map<String, String> context) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * What a role session may do: the role's permission policy must allow, the session policy (when
   * present) must allow too, and an explicit deny in either refuses.
   */
  public static boolean isAllowed(PolicyDocument identityPolicy, java.util.Optional<PolicyDocument> sessionPolicy,
      String action, String resourceArn, Map<String, String> context) {
    throw new UnsupportedOperationException("skeleton");
  }
}
