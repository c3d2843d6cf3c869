package io.lakefs.sts.service.lakefs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lakeFS user as lakeFS names the owner of some credentials ({@code GET /api/v1/user}).
 *
 * @param id the lakeFS user id (its user name), never empty: the name the service puts on STS sessions
 */
public record LakeFSUser(String id, Optional<String> friendlyName, Optional<String> email, Instant creationDate) {
  public LakeFSUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(friendlyName, "friendlyName");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(creationDate, "creationDate");
    if (id.isEmpty()) {
      // lakeFS names an anonymous caller "", so an empty id must never pass for a user.
      throw new IllegalArgumentException("a lakeFS user id cannot be empty");
    }
  }
}
