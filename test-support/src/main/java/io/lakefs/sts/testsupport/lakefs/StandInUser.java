package io.lakefs.sts.testsupport.lakefs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lakeFS user of the stand-in, with the one access key it authenticates with (lakeFS's HTTP Basic:
 * the access key id as user name, the secret as password). {@code toString()} never shows the secret.
 */
public record StandInUser(String id, String accessKeyId, String secretAccessKey, Instant creationDate,
    Optional<String> friendlyName, Optional<String> email) {

  /** Creation date of users and repositories not given one, fixed so that answers are reproducible. */
  public static final Instant DEFAULT_CREATION_DATE = Instant.parse("2025-01-01T00:00:00Z");

  public StandInUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(friendlyName, "friendlyName");
    Objects.requireNonNull(email, "email");
    if (id.isEmpty() || accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
      // lakeFS reports an anonymous caller as user id "", so a user named "" would be indistinguishable.
      throw new IllegalArgumentException("a stand-in user needs a non-empty id, access key id and secret; got id '"
          + id + "', access key id '" + accessKeyId + "'");
    }
  }

  public static StandInUser of(String id, String accessKeyId, String secretAccessKey) {
    return new StandInUser(id, accessKeyId, secretAccessKey, DEFAULT_CREATION_DATE, Optional.empty(),
        Optional.empty());
  }

  public StandInUser withFriendlyName(String friendlyName) {
    return new StandInUser(id, accessKeyId, secretAccessKey, creationDate, Optional.of(friendlyName), email);
  }

  public StandInUser withEmail(String email) {
    return new StandInUser(id, accessKeyId, secretAccessKey, creationDate, friendlyName, Optional.of(email));
  }

  public StandInUser withCreationDate(Instant creationDate) {
    return new StandInUser(id, accessKeyId, secretAccessKey, creationDate, friendlyName, email);
  }

  @Override
  public String toString() {
    return "StandInUser{id=" + id + ", accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>"
        + friendlyName.map(name -> ", friendlyName=" + name).orElse("")
        + email.map(address -> ", email=" + address).orElse("") + "}";
  }
}
