package io.lakefs.sts.service.scope;

/**
 * The session policy for the requested namespaces does not fit STS's size limit even after lossless
 * merging. Widening the policy to make it fit is never an option, so the request must be split.
 */
public final class SessionPolicyTooLargeException extends IllegalArgumentException {
  private final int limit;
  private final int length;
  private final int namespacesRequested;

  SessionPolicyTooLargeException(int limit, int length, int namespacesRequested) {
    super("The session policy for " + namespacesRequested + " storage namespace"
        + (namespacesRequested == 1 ? "" : "s") + " is " + length + " characters even after lossless merging,"
        + " over STS's limit of " + limit + " characters for a session policy; ask for credentials for fewer"
        + " repositories at a time (for example one credential per group of repositories).");
    this.limit = limit;
    this.length = length;
    this.namespacesRequested = namespacesRequested;
  }

  /** STS's limit, in characters. */
  public int limit() {
    return limit;
  }

  /** The length the merged policy reached, in characters. */
  public int length() {
    return length;
  }

  /** How many distinct storage namespaces were asked for. */
  public int namespacesRequested() {
    return namespacesRequested;
  }
}
