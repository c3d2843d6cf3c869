package io.lakefs.sts.service.lakefs;

/**
 * The configuration keys of the credentials service's lakeFS client, each beside its default. They are
 * read from a {@link java.util.Properties} because hadoop-auth creates its handlers by reflection and
 * configures them only that way; {@link LakeFSSettings#fromProperties} reads them.
 */
public final class LakeFSKeys {
  /** lakeFS's API URL, ending in {@code /api/v1}, as lakeFSFS's {@code fs.lakefs.endpoint} takes it. */
  public static final String ENDPOINT = "lakefs.endpoint";
  public static final String DEFAULT_ENDPOINT = "http://localhost:8000/api/v1";

  /** Connect timeout and read timeout, each, of one call to lakeFS, in milliseconds. */
  public static final String TIMEOUT_MILLIS = "lakefs.timeout.millis";
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  /**
   * How long a successful authentication, and a repository a user was allowed to read, are reused
   * without asking lakeFS again, in seconds; 0 asks lakeFS every time.
   */
  public static final String AUTH_CACHE_SECONDS = "lakefs.auth.cache.seconds";
  public static final long DEFAULT_AUTH_CACHE_SECONDS = 60;

  private LakeFSKeys() {
  }
}
