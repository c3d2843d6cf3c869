package io.lakefs.sts.cli;

import java.time.Duration;

/**
 * Every environment variable and file {@code lakefs-sts} reads, each beside its default: read once, at the edge,
 * into {@link CliEnvironment}. Documented in one table in cli/README.md.
 */
final class CliKeys {
  private CliKeys() {
  }

  /** Credentials-service URLs, comma-separated, in order of preference; {@code --endpoint} overrides it. */
  static final String ENDPOINTS = "LAKEFS_STS_ENDPOINTS";

  /** Hadoop's token file (what YARN containers and Spark executors get): its {@code LAKEFS_STS} token comes first. */
  static final String HADOOP_TOKEN_FILE_LOCATION = "HADOOP_TOKEN_FILE_LOCATION";

  /** The service's own delegation token, as the service encoded it ({@code Token.urlString}): second. */
  static final String SERVICE_TOKEN = "LAKEFS_STS_SERVICE_TOKEN";

  /** Kerberos's ticket cache ({@code FILE:/path} or a path): third, when it exists. */
  static final String KRB5CCNAME = "KRB5CCNAME";

  /** lakectl's own variables for the lakeFS key (fourth), as lakectl and lakeFS's Python SDK read them. */
  static final String LAKECTL_ACCESS_KEY_ID = "LAKECTL_CREDENTIALS_ACCESS_KEY_ID";
  static final String LAKECTL_SECRET_ACCESS_KEY = "LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY";
  static final String LAKECTL_ENDPOINT_URL = "LAKECTL_SERVER_ENDPOINT_URL";

  /** lakectl's configuration file, in the home directory (last). */
  static final String LAKECTL_CONFIG_FILE_NAME = ".lakectl.yaml";

  /** Where cached credentials live; default {@code $XDG_CACHE_HOME/lakefs-sts}, else {@code ~/.cache/lakefs-sts}. */
  static final String CACHE_DIR = "LAKEFS_STS_CACHE_DIR";
  static final String XDG_CACHE_HOME = "XDG_CACHE_HOME";

  /**
   * Cached credentials are fetched again this many seconds before they expire (at most half their lifetime, so
   * short-lived credentials are still reused).
   */
  static final String REFRESH_MARGIN_SECONDS = "LAKEFS_STS_REFRESH_MARGIN_SECONDS";
  static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(300);
}
