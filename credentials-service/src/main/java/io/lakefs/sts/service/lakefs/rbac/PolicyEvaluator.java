package io.lakefs.sts.service.lakefs.rbac;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides one permission over a user's effective policies (the user's own and its groups'), as lakeFS's
 * {@code checkPermissions} does for one permission node: a matching deny refuses whatever else matches; else
 * a matching allow grants; else nothing matched (neutral, refused). A statement matches when one of its
 * resource patterns ({@code ${user}} replaced by the user id) matches the resource's ARN and one of its action
 * patterns matches the action. Where lakeFS would need request context the service does not have
 * (conditions), it errs toward refusing.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {
  }

  public static Decision decide(List<Policy> policies, String userId, String action, String resourceArn) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resourceArn, "resourceArn");
    Decision decision = Decision.NEUTRAL;
    for (Policy policy : policies) {
      for (PolicyStatement statement : policy.statements()) {
        Optional<List<String>> resources = Resources.parse(statement.resource());
        if (resources.isEmpty()) {
          // lakeFS logs the unreadable resource list and refuses the request.
          return Decision.DENY;
        }
        if (!matches(statement, resources.get(), userId, action, resourceArn)) {
          continue;
        }
        if (statement.effect() == Effect.DENY) {
          return Decision.DENY;
        }
        if (!statement.conditional()) {
          decision = Decision.ALLOW;
        }
      }
    }
    return decision;
  }

  /** Whether {@link #decide} says {@link Decision#ALLOW}: the only answer on which lakeFS lets a request through. */
  public static boolean allows(List<Policy> policies, String userId, String action, String resourceArn) {
    return decide(policies, userId, action, resourceArn) == Decision.ALLOW;
  }

  private static boolean matches(PolicyStatement statement, List<String> resources, String userId, String action,
      String resourceArn) {
    boolean resourceMatches = resources.stream()
        .anyMatch(pattern -> Resources.arnMatches(Resources.interpolateUser(pattern, userId), resourceArn));
    return resourceMatches && statement.actions().stream().anyMatch(pattern -> Wildcard.matches(pattern, action));
  }
}
