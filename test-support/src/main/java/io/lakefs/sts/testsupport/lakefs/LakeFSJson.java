package io.lakefs.sts.testsupport.lakefs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

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

  /** lakeFS's {@code User}, as {@code getUser} answers: friendly name and email only when set. */
  static String user(StandInUser user) {
    return "{\"creation_date\":" + user.creationDate().getEpochSecond()
        + user.email().map(email -> ",\"email\":" + string(email)).orElse("")
        + user.friendlyName().map(name -> ",\"friendly_name\":" + string(name)).orElse("")
        + ",\"id\":" + string(user.id()) + "}\n";
  }

  /**
   * lakeFS's {@code PolicyList}, one page: its auth listings fill {@code next_offset} with the last id of a
   * full page and leave {@code max_per_page} at 0.
   */
  static String policyList(List<StandInPolicy> page, boolean full) {
    String results = page.stream().map(LakeFSJson::policy).collect(Collectors.joining(","));
    return "{" + authPagination(page.stream().map(StandInPolicy::id).toList(), full) + ",\"results\":[" + results
        + "]}\n";
  }

  /** lakeFS's {@code GroupList}, one page, each group with its id as name. */
  static String groupList(List<String> page, boolean full) {
    String results = page.stream()
        .map(id -> "{\"creation_date\":" + StandInUser.DEFAULT_CREATION_DATE.getEpochSecond() + ",\"id\":"
            + string(id) + ",\"name\":" + string(id) + "}")
        .collect(Collectors.joining(","));
    return "{" + authPagination(page, full) + ",\"results\":[" + results + "]}\n";
  }

  private static String authPagination(List<String> ids, boolean full) {
    String next = full && !ids.isEmpty() ? ids.get(ids.size() - 1) : "";
    return "\"pagination\":{\"has_more\":" + !next.isEmpty() + ",\"max_per_page\":0,\"next_offset\":"
        + string(next) + ",\"results\":" + ids.size() + "}";
  }

  private static String policy(StandInPolicy policy) {
    String statements = policy.statements().stream()
        .map(statement -> "{\"action\":" + statement.actions().stream().map(LakeFSJson::string)
            .collect(Collectors.joining(",", "[", "]")) + ",\"effect\":" + string(statement.effect())
            + ",\"resource\":" + string(statement.resource()) + "}")
        .collect(Collectors.joining(","));
    return "{\"creation_date\":" + policy.creationDate().getEpochSecond() + ",\"id\":" + string(policy.id())
        + ",\"statement\":[" + statements + "]}";
  }

  /**
   * lakeFS's {@code Repository}. {@code storage_id} and {@code read_only} are optional in the schema but
   * lakeFS always sends them: the storage id ("" for the default storage), and whether it is read-only.
   */
  static String repository(StandInRepository repository) {
    return "{\"creation_date\":" + repository.creationDate().getEpochSecond()
        + ",\"default_branch\":" + string(repository.defaultBranch())
        + ",\"id\":" + string(repository.id())
        + ",\"read_only\":" + repository.readOnly()
        + ",\"storage_id\":" + string(repository.storageId())
        + ",\"storage_namespace\":" + string(repository.storageNamespace()) + "}\n";
  }

  /** lakeFS's {@code AuthenticationToken}, what {@code POST /auth/login} answers. */
  static String authenticationToken(LoginTokens.Issued issued) {
    return "{\"token\":" + string(issued.token()) + ",\"token_expiration\":" + issued.expiration().getEpochSecond()
        + "}\n";
  }

  /** lakeFS's {@code StagingLocation} without a presigned URL, what {@code getPhysicalAddress} answers. */
  static String stagingLocation(String physicalAddress) {
    return "{\"physical_address\":" + string(physicalAddress) + "}\n";
  }

  /** lakeFS's {@code ObjectStats} of one object, as {@code statObject} and {@code linkPhysicalAddress} answer. */
  static String objectStats(StandInObject object) {
    return objectStatsFields(object) + "\n";
  }

  /**
   * lakeFS's {@code ObjectStatsList}: objects, and common prefixes (path type {@code common_prefix}, the
   * object fields left at Go's zero values), with lakeFS's pagination (at most 1000 per page).
   */
  static String objectStatsList(List<ListedEntry> entries, boolean hasMore, int maxPerPage) {
    String results = entries.stream()
        .map(entry -> entry.object().map(LakeFSJson::objectStatsFields)
            .orElseGet(() -> "{\"checksum\":\"\",\"mtime\":0,\"path\":" + string(entry.path())
                + ",\"path_type\":\"common_prefix\",\"physical_address\":\"\"}"))
        .collect(Collectors.joining(","));
    String nextOffset = hasMore && !entries.isEmpty() ? entries.get(entries.size() - 1).path() : "";
    return "{\"pagination\":{\"has_more\":" + hasMore + ",\"max_per_page\":" + maxPerPage + ",\"next_offset\":"
        + string(nextOffset) + ",\"results\":" + entries.size() + "},\"results\":[" + results + "]}\n";
  }

  /** One line of a listing: an object, or a common prefix (no object). */
  record ListedEntry(String path, Optional<StandInObject> object) {
  }

  /** lakeFS's {@code Ref} for a branch: its name and head commit. */
  static String ref(String branch, String commitId) {
    return "{\"commit_id\":" + string(commitId) + ",\"id\":" + string(branch) + "}\n";
  }

  /** lakeFS's {@code Commit}. */
  static String commit(StandInCatalog.Commit commit) {
    return "{\"committer\":" + string(commit.committer()) + ",\"creation_date\":" + commit.creationDate()
        + ",\"id\":" + string(commit.id()) + ",\"message\":" + string(commit.message())
        + ",\"meta_range_id\":" + string(commit.metaRangeId()) + ",\"metadata\":{},\"parents\":["
        + commit.parent().map(LakeFSJson::string).orElse("") + "]}\n";
  }

  private static String objectStatsFields(StandInObject object) {
    return "{\"checksum\":" + string(object.checksum()) + ",\"content_type\":" + string(object.contentType())
        + ",\"metadata\":" + stringMap(object.metadata()) + ",\"mtime\":" + object.mtime() + ",\"path\":"
        + string(object.path()) + ",\"path_type\":\"object\",\"physical_address\":"
        + string(object.physicalAddress()) + ",\"size_bytes\":" + object.sizeBytes() + "}";
  }

  /** A map[string]string as encoding/json writes it: keys sorted. */
  private static String stringMap(Map<String, String> map) {
    return new TreeMap<>(map).entrySet().stream()
        .map(entry -> string(entry.getKey()) + ":" + string(entry.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
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
