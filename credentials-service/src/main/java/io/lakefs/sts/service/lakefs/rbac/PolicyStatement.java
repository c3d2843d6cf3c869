package io.lakefs.sts.service.lakefs.rbac;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a lakeFS policy.
 *
 * @param actions action patterns ({@code fs:Read*}, {@code *})
 * @param resource lakeFS's {@code resource} field as written: one ARN pattern, {@code *}, or a list
 *     {@code [arn1,arn2]} (see {@link Resources#parse})
 * @param conditional whether the statement carries a {@code condition}; the service has none of the request
 *     context conditions test, so it never lets such an allow grant and always lets such a deny refuse
 */
public record PolicyStatement(Effect effect, List<String> actions, String resource, boolean conditional) {
  public PolicyStatement {
    Objects.requireNonNull(effect, "effect");
    actions = List.copyOf(actions);
    Objects.requireNonNull(resource, "resource");
  }

  public static PolicyStatement allow(String resource, String... actions) {
    return new PolicyStatement(Effect.ALLOW, List.of(actions), resource, false);
  }

  public static PolicyStatement deny(String resource, String... actions) {
    return new PolicyStatement(Effect.DENY, List.of(actions), resource, false);
  }
}
