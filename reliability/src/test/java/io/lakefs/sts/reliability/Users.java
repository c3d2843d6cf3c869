package io.lakefs.sts.reliability;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The lakeFS users and repositories of the harness. Their secrets end in {@code -must-never-appear} so the
 * secret scan (R6) finds them whatever module's output they leak into.
 */
final class Users {
  private Users() {
  }

  /** One lakeFS user with one key, read access to {@code repository} (null: none). */
  record User(String id, String accessKeyId, String secret, String repository) {
    @Override
    public String toString() {
      return "User{" + id + ", " + accessKeyId + ", secret=<redacted>}";
    }
  }

  static final User ALICE = new User("alice", "AKIARELIABILITYALICE", "alice-reliability-secret-must-never-appear",
      "sales");
  static final User BOB = new User("bob", "AKIARELIABILITYBOB01", "bob-reliability-secret-must-never-appear",
      "payroll");
  /** The YARN RM's user: it renews tokens naming it, and may read no repository. */
  static final User YARN = new User("yarn", "AKIARELIABILITYYARN1", "yarn-reliability-secret-must-never-appear",
      null);
  /** A lakeFS user id hadoop-auth cannot carry as a user name. */
  static final User AMPERSAND = new User("eve&mallory", "AKIARELIABILITYAMP01",
      "ampersand-reliability-secret-must-never-appear", "sales");
  /** Obtains tokens as fast as it can (R4's flood): a user of its own, so the cap it meets limits no one else. */
  static final User FLOODER = new User("fred", "AKIARELIABILITYFRED1", "fred-reliability-secret-must-never-appear",
      "sales");

  /** R2's users, each with a repository of their own: one (user, scope) pair each. */
  static List<User> r2Users(int count) {
    return IntStream.range(0, count).mapToObj(i -> new User("user" + i, String.format("AKIARELIABILITYU%04d", i),
        "user" + i + "-reliability-secret-must-never-appear", "scope" + i)).toList();
  }

  static List<User> all() {
    List<User> named = List.of(ALICE, BOB, YARN, AMPERSAND, FLOODER);
    return Stream.concat(named.stream(), r2Users(Scale.MAX_R2_SCOPES).stream()).toList();
  }
}
