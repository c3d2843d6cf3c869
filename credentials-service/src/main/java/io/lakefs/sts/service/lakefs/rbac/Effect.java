package io.lakefs.sts.service.lakefs.rbac;

import java.util.Locale;

/** A statement's effect, as lakeFS writes it in policies ({@code "allow"} or {@code "deny"}). */
public enum Effect {
  ALLOW,
  DENY;

  /**
   * Reads lakeFS's spelling, in any case.
   *
   * @throws IllegalArgumentException for anything else, naming it
   */
  public static Effect parse(String value) {
    if (value != null) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "allow":
          return ALLOW;
        case "deny":
          return DENY;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("a lakeFS policy statement's effect is \"allow\" or \"deny\", got '"
        + value + "'");
  }
}
