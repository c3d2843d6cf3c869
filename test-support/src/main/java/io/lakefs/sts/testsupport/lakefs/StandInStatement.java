package io.lakefs.sts.testsupport.lakefs;

import java.util.List;
import java.util.Objects;

/**
 * One allow statement of a lakeFS policy attached to a stand-in user: these actions on resources matching
 * this ARN pattern (lakeFS's wildcards, see {@link LakeFSPermissions}).
 */
public record StandInStatement(List<String> actions, String resource) {
  public StandInStatement {
    actions = List.copyOf(actions);
    Objects.requireNonNull(resource, "resource");
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("a statement on " + resource + " needs at least one action");
    }
  }

  boolean allows(String action, String arn) {
    return LakeFSPermissions.matches(resource, arn)
        && actions.stream().anyMatch(pattern -> LakeFSPermissions.matches(pattern, action));
  }
}
