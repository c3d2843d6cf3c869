package io.lakefs.sts.testsupport.lakefs;

import io.lakefs.sts.testsupport.lakefs.LakeFSApi.Answer;
import java.util.Optional;

/**
 * The caller of one request after authentication: anonymous, rejected (credentials that do not match), or a
 * user; and the answers lakeFS gives such a caller before its handler's own work.
 */
record StandInCaller(Optional<String> accessKeyId, Optional<StandInUser> user, boolean rejected) {
  Answer answer(int status, Optional<String> json) {
    return new Answer(status, json, accessKeyId, user.map(StandInUser::id));
  }

  Answer answer(int status, String json) {
    return answer(status, Optional.of(json));
  }

  Answer error(int status, String message) {
    return answer(status, LakeFSJson.error(message));
  }

  /**
   * lakeFS's {@code authorize}: empty when the caller's policies allow the action on the resource; else 401
   * (not 403) with {@code auth.ErrInsufficientPermissions} wrapping {@code MissingPermissions.String()}, which
   * names the action. Called for authenticated callers only.
   */
  Optional<Answer> unlessAllowed(StandInAccounts accounts, String action, String resourceArn) {
    if (accounts.allows(user.orElseThrow().id(), action, resourceArn)) {
      return Optional.empty();
    }
    return Optional.of(error(401, "insufficient permissions: not allowed to " + action));
  }

  /** kin-openapi's request validation, which lakeFS runs before any handler, for a required query parameter. */
  Answer missingQueryParameter(String name) {
    return error(400, "parameter \"" + name + "\" in query has an error: value is required but missing");
  }
}
