package io.lakefs.sts.testsupport.lakefs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A named lakeFS policy of the stand-in, attachable to users and groups. */
public record StandInPolicy(String id, List<StandInStatement> statements, Instant creationDate) {
  public StandInPolicy {
    Objects.requireNonNull(id, "id");
    statements = List.copyOf(statements);
    Objects.requireNonNull(creationDate, "creationDate");
    if (id.isEmpty() || statements.isEmpty()) {
      throw new IllegalArgumentException("a stand-in policy needs an id and at least one statement; got id '" + id
          + "'");
    }
  }

  public static StandInPolicy of(String id, StandInStatement... statements) {
    return new StandInPolicy(id, List.of(statements), StandInUser.DEFAULT_CREATION_DATE);
  }

  /**
   * The id of the policy the builder's {@code grant...} and {@code statement} calls for a user add up to,
   * attached to that user alone: what a test detaches to withdraw those grants.
   */
  public static String grantsOf(String userId) {
    return "StandInGrants-" + userId;
  }

  /**
   * lakeFS's decision over a user's effective policies: a matching deny refuses whatever else matches;
   * otherwise a matching allow grants; otherwise nothing matched, which refuses too.
   */
  static boolean allows(List<StandInPolicy> policies, String userId, String action, String arn) {
    boolean allowed = false;
    for (StandInPolicy policy : policies) {
      for (StandInStatement statement : policy.statements()) {
        if (statement.matches(userId, action, arn)) {
          if (statement.denies()) {
            return false;
          }
          allowed = true;
        }
      }
    }
    return allowed;
  }
}
