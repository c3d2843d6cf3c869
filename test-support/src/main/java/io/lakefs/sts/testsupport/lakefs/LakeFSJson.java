package io.lakefs.sts.testsupport.lakefs;

import java.util.Optional;

/**
 * The bodies lakeFS writes, byte for byte as its Go server encodes them (lakeFS {@code pkg/api/controller.go},
 * {@code writeResponse}): fields in the order of the generated structs (alphabetical), optional fields left
 * out when unset, HTML-sensitive characters escaped, and a trailing newline.
 */
final class LakeFSJson {
  private LakeFSJson() {
  }

  /** {@code {"message": ...}}, lakeFS's {@code Error} schema, for every error status. */
  static String error(String message) {
    return "{\"message\":" + string(message) + "}\n";
  }

  /**
   * lakeFS's {@code CurrentUser}. An anonymous caller gets an empty user ({@code id ""}, creation date 0),
   * not a 401, as lakeFS does; a user without a friendly name shows the id as friendly name.
   */
  static String currentUser(Optional<StandInUser> user) {
    if (user.isEmpty()) {
      return "{\"user\":{\"creation_date\":0,\"id\":\"\"}}\n";
    }
    StandInUser u = user.get();
    return "{\"user\":{\"creation_date\":" + u.creationDate().getEpochSecond()
        + u.email().map(email -> ",\"email\":" + string(email)).orElse("")
        + ",\"friendly_name\":" + string(u.friendlyName().orElse(u.id()))
        + ",\"id\":" + string(u.id()) + "}}\n";
  }

  /**
   * lakeFS's {@code Repository}. {@code storage_id} and {@code read_only} are optional in the schema but
   * lakeFS always sends them: "" for the default storage, and whether the repository is read-only.
   */
  static String repository(StandInRepository repository) {
    return "{\"creation_date\":" + repository.creationDate().getEpochSecond()
        + ",\"default_branch\":" + string(repository.defaultBranch())
        + ",\"id\":" + string(repository.id())
        + ",\"read_only\":" + repository.readOnly()
        + ",\"storage_id\":\"\""
        + ",\"storage_namespace\":" + string(repository.storageNamespace()) + "}\n";
  }

  /** A JSON string as Go's encoding/json writes it, which also escapes <, > and & for HTML's sake. */
  static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
