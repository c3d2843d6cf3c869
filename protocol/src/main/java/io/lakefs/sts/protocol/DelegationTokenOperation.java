package io.lakefs.sts.protocol;

import java.util.Locale;

/**
 * The operations on the service's delegation tokens at {@link ServiceApi#DELEGATION_TOKEN_PATH}, as Hadoop's
 * delegation-token protocol names them, each with the HTTP method it takes.
 */
public enum DelegationTokenOperation {
  GET("GETDELEGATIONTOKEN", "GET"),
  RENEW("RENEWDELEGATIONTOKEN", "PUT"),
  CANCEL("CANCELDELEGATIONTOKEN", "PUT");

  private final String wireName;
  private final String httpMethod;

  DelegationTokenOperation(String wireName, String httpMethod) {
    this.wireName = wireName;
    this.httpMethod = httpMethod;
  }

  /** The value of the {@link ServiceApi#OP_PARAMETER} parameter. */
  public String wireName() {
    return wireName;
  }

  public String httpMethod() {
    return httpMethod;
  }

  /** The operation an {@code op} value names (any case), or null when it names none of these. */
  public static DelegationTokenOperation fromWireName(String op) {
    if (op != null) {
      String upper = op.toUpperCase(Locale.ROOT);
      for (DelegationTokenOperation operation : values()) {
        if (operation.wireName.equals(upper)) {
          return operation;
        }
      }
    }
    return null;
  }
}
