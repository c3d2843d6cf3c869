package io.lakefs.sts.testsupport.lakefs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One statement of a lakeFS policy: allow or deny these actions on resources matching this ARN pattern
 * (lakeFS's wildcards and ARN matching, see {@link LakeFSPermissions}).
 *
 * @param effect {@code "allow"} or {@code "deny"}, as lakeFS writes it
 */
public record StandInStatement(String effect, List<String> actions, String resource) {
  public static final String ALLOW = "allow";
  public static final String DENY = "deny";

  public StandInStatement {
    Objects.requireNonNull(effect, "effect");
    effect = effect.toLowerCase(Locale.ROOT);
    if (!effect.equals(ALLOW) && !effect.equals(DENY)) {
      throw new IllegalArgumentException("a statement's effect is \"allow\" or \"deny\", got '" + effect + "'");
    }
    actions = List.copyOf(actions);
    Objects.requireNonNull(resource, "resource");
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("a statement on " + resource + " needs at least one action");
    }
  }

  /** An allow statement. */
  public StandInStatement(List<String> actions, String resource) {
    this(ALLOW, actions, resource);
  }

  public static StandInStatement deny(List<String> actions, String resource) {
    return new StandInStatement(DENY, actions, resource);
  }

  boolean denies() {
    return effect.equals(DENY);
  }

  /** Whether lakeFS would apply this statement to the action on the resource, for this user. */
  boolean matches(String userId, String action, String arn) {
    return LakeFSPermissions.arnMatches(resource.replace("${user}", userId), arn)
        && actions.stream().anyMatch(pattern -> LakeFSPermissions.matches(pattern, action));
  }
}
