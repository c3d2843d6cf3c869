package io.lakefs.sts.testsupport.lakefs;

import io.lakefs.sts.testsupport.lakefs.LakeFSApi.Answer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * lakeFS's RBAC administration endpoints under {@code /auth} that a service reading permissions needs, with
 * lakeFS's checks (pkg/api/controller.go): reading a user, its policies (effective or attached) and its
 * groups needs auth:ReadUser on the user; a group's policies auth:ReadGroup on the group; deleting a user
 * auth:DeleteUser; detaching a policy auth:DetachPolicy on the user. Listings page as lakeFS's do: sorted by
 * id, {@code after} exclusive, {@code amount} defaulting to 100 and capped at 1000.
 */
final class AuthEndpoints {
  private static final int DEFAULT_AMOUNT = 100;
  private static final int MAX_AMOUNT = 1000;
  private static final String USER_NOT_FOUND = "user not found";

  private final StandInAccounts accounts;
  private final boolean rbac;

  /** @param rbac false to answer policy listings as lakeFS Community does (its simplified auth): 501 */
  AuthEndpoints(StandInAccounts accounts, boolean rbac) {
    this.accounts = accounts;
    this.rbac = rbac;
  }

  /** The answer for an authenticated caller; empty for a path or method this class does not serve. */
  Optional<Answer> answer(StandInCaller caller, String method, List<String> path, Map<String, String> query) {
    if (path.size() >= 2 && path.get(0).equals("users") && !path.get(1).isEmpty()) {
      String user = path.get(1);
      List<String> rest = path.subList(2, path.size());
      if (rest.isEmpty() && method.equals("GET")) {
        return Optional.of(getUser(caller, user));
      }
      if (rest.isEmpty() && method.equals("DELETE")) {
        return Optional.of(deleteUser(caller, user));
      }
      if (rest.equals(List.of("policies")) && method.equals("GET")) {
        return Optional.of(listUserPolicies(caller, user, query));
      }
      if (rest.equals(List.of("groups")) && method.equals("GET")) {
        return Optional.of(listUserGroups(caller, user, query));
      }
      if (rest.size() == 2 && rest.get(0).equals("policies") && method.equals("DELETE")) {
        return Optional.of(detachPolicy(caller, user, rest.get(1)));
      }
    }
    if (path.size() == 3 && path.get(0).equals("groups") && path.get(2).equals("policies") && method.equals("GET")) {
      return Optional.of(listGroupPolicies(caller, path.get(1), query));
    }
    return Optional.empty();
  }

  private Answer getUser(StandInCaller caller, String user) {
    return caller.unlessAllowed(accounts, LakeFSPermissions.READ_USER, LakeFSPermissions.userArn(user))
        .orElseGet(() -> accounts.user(user).map(found -> caller.answer(200, LakeFSJson.user(found)))
            .orElseGet(() -> caller.error(404, USER_NOT_FOUND)));
  }

  private Answer deleteUser(StandInCaller caller, String user) {
    return caller.unlessAllowed(accounts, LakeFSPermissions.DELETE_USER, LakeFSPermissions.userArn(user))
        .orElseGet(() -> accounts.deleteUser(user) ? caller.answer(204, Optional.empty())
            : caller.error(404, USER_NOT_FOUND));
  }

  private Answer detachPolicy(StandInCaller caller, String user, String policy) {
    return caller.unlessAllowed(accounts, LakeFSPermissions.DETACH_POLICY, LakeFSPermissions.userArn(user))
        .orElseGet(() -> accounts.detachPolicy(user, policy) ? caller.answer(204, Optional.empty())
            : caller.error(404, "not found"));
  }

  /** lakeFS lists by key prefix and so answers an empty list, not 404, for a user that does not exist. */
  private Answer listUserPolicies(StandInCaller caller, String user, Map<String, String> query) {
    if (!rbac) {
      return caller.error(501, "Not implemented");
    }
    boolean effective = "true".equalsIgnoreCase(query.get("effective"));
    return caller.unlessAllowed(accounts, LakeFSPermissions.READ_USER, LakeFSPermissions.userArn(user))
        .orElseGet(() -> page(caller, effective ? accounts.effectivePolicies(user) : accounts.userPolicies(user),
            StandInPolicy::id, query, LakeFSJson::policyList));
  }

  private Answer listUserGroups(StandInCaller caller, String user, Map<String, String> query) {
    return caller.unlessAllowed(accounts, LakeFSPermissions.READ_USER, LakeFSPermissions.userArn(user))
        .orElseGet(() -> page(caller, accounts.groupsOf(user), id -> id, query, LakeFSJson::groupList));
  }

  private Answer listGroupPolicies(StandInCaller caller, String group, Map<String, String> query) {
    return caller.unlessAllowed(accounts, LakeFSPermissions.READ_GROUP, LakeFSPermissions.groupArn(group))
        .orElseGet(() -> accounts.groupExists(group)
            ? page(caller, accounts.groupPolicies(group), StandInPolicy::id, query, LakeFSJson::policyList)
            : caller.error(404, "group not found"));
  }

  private interface PageWriter<T> {
    String write(List<T> page, boolean full);
  }

  private static <T> Answer page(StandInCaller caller, List<T> sortedById, Function<T, String> id,
      Map<String, String> query, PageWriter<T> writer) {
    int amount;
    try {
      amount = query.get("amount") == null ? DEFAULT_AMOUNT : Integer.parseInt(query.get("amount"));
    } catch (NumberFormatException notANumber) {
      return caller.error(400, "parameter \"amount\" in query has an error: value " + query.get("amount")
          + ": an invalid integer: invalid syntax");
    }
    if (amount < 0 || amount > MAX_AMOUNT) {
      amount = MAX_AMOUNT;
    }
    String after = query.getOrDefault("after", "");
    String prefix = query.getOrDefault("prefix", "");
    List<T> matching = sortedById.stream()
        .filter(item -> id.apply(item).compareTo(after) > 0 && id.apply(item).startsWith(prefix)).toList();
    List<T> page = matching.subList(0, Math.min(amount, matching.size()));
    return caller.answer(200, writer.write(page, page.size() == amount));
  }
}
