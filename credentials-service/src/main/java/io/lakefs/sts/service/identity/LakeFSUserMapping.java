package io.lakefs.sts.service.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The lakeFS user id a Kerberos caller stands for. hadoop-auth first turns the principal into a short name with
 * the {@code auth_to_local} rules ({@code lakefs.sts.kerberos.name.rules}); an explicit entry, for the full
 * principal or for the short name, then wins, for lakeFS user names no rule can produce
 * ({@code etl/host1.example.com@EXAMPLE.COM=etl-bot, alice=alice.liddell}). Without an entry, the short name is
 * the lakeFS user id. Immutable.
 */
public final class LakeFSUserMapping {
  private final Map<String, String> entries;

  private LakeFSUserMapping(Map<String, String> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** No explicit entries: every short name is the lakeFS user id. */
  public static LakeFSUserMapping identity() {
    return new LakeFSUserMapping(Map.of());
  }

  /**
   * Reads {@code name=lakefs-user[,name=lakefs-user...]}, where a name is a full principal (it holds {@code @})
   * or a short name; blank means no entries.
   *
   * @param key the configuration key the value came from, for messages
   * @throws IllegalArgumentException naming the key and the entry that is wrong
   */
  public static LakeFSUserMapping parse(String key, String value) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return identity();
    }
    for (String entry : value.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      String name = equals < 0 ? "" : trimmed.substring(0, equals).strip();
      String user = equals < 0 ? "" : trimmed.substring(equals + 1).strip();
      if (name.isEmpty() || user.isEmpty() || user.contains("=")) {
        throw new IllegalArgumentException(key + ": '" + trimmed + "' is not name=lakefs-user (a Kerberos principal"
            + " or short name, '=', the lakeFS user id it stands for); separate entries with ','");
      }
      if (entries.putIfAbsent(name, user) != null) {
        throw new IllegalArgumentException(key + ": '" + name + "' is mapped twice; keep one entry for it");
      }
    }
    return new LakeFSUserMapping(entries);
  }

  /**
   * @param principal the caller's full Kerberos principal, e.g. {@code alice@EXAMPLE.COM}
   * @param shortName what the {@code auth_to_local} rules made of it, e.g. {@code alice}
   */
  public String lakeFSUser(String principal, String shortName) {
    Objects.requireNonNull(shortName, "shortName");
    String byPrincipal = principal == null ? null : entries.get(principal);
    return byPrincipal != null ? byPrincipal : entries.getOrDefault(shortName, shortName);
  }

  /** For a user named by a short name alone (a {@code doAs} parameter). */
  public String lakeFSUser(String shortName) {
    return lakeFSUser(null, shortName);
  }
}
