package io.lakefs.sts.service.lakefs.rbac;

import java.util.List;
import java.util.Objects;

/** A lakeFS policy: its id (its name, e.g. {@code FSReadAll}) and its statements. */
public record Policy(String id, List<PolicyStatement> statements) {
  public Policy {
    Objects.requireNonNull(id, "id");
    statements = List.copyOf(statements);
  }

  public static Policy of(String id, PolicyStatement... statements) {
    return new Policy(id, List.of(statements));
  }
}
