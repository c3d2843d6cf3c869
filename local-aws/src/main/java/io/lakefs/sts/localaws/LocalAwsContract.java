package io.lakefs.sts.localaws;

/**
 * What a process that launches local-aws may rely on: command-line flags, the line announcing that it
 * is ready, the admin endpoints, and the built-in identities. Kept free of dependencies so test
 * fixtures in other modules can read it without S3Proxy's classpath.
 */
public final class LocalAwsContract {
  private LocalAwsContract() {
  }

  public static final String FLAG_CONFIG = "--config";
  public static final String FLAG_HOST = "--host";
  public static final String FLAG_STS_PORT = "--sts-port";
  public static final String FLAG_S3_PORT = "--s3-port";
  public static final String FLAG_ACCESS_LOG = "--access-log";
  public static final String FLAG_DATA_DIR = "--data-dir";
  public static final String FLAG_SESSION_LIFETIME_SECONDS = "--session-lifetime-seconds";
  public static final String FLAG_HELP = "--help";

  /**
   * Printed on standard output, alone on a line, once both endpoints accept connections:
   * {@code local-aws ready sts=http://127.0.0.1:PORT s3=http://127.0.0.1:PORT}.
   */
  public static final String READY_PREFIX = "local-aws ready ";

  /** On the STS endpoint: GET shows the fault knobs as JSON, POST (form fields) changes them. */
  public static final String ADMIN_FAULTS_PATH = "/_admin/faults";

  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT_ID = "123456789012";

  /** The IAM user the credentials service runs as in the demo and tests. */
  public static final String DEFAULT_USER_NAME = "lakefs-service";
  public static final String DEFAULT_USER_ACCESS_KEY_ID = "AKIALOCALAWSLAKEFS01";
  /** Not a secret: a fixed key for a loopback test server that holds only test data. */
  public static final String DEFAULT_USER_SECRET_ACCESS_KEY = "local-aws-lakefs-service-secret-not-for-production";

  /** The role lakeFS's credentials service assumes on behalf of lakeFS users. */
  public static final String DEFAULT_ROLE_NAME = "lakefs-sts";
  public static final String DEFAULT_ROLE_ARN = "arn:aws:iam::" + DEFAULT_ACCOUNT_ID + ":role/" + DEFAULT_ROLE_NAME;

  /** Created empty at start-up. */
  public static final String DEFAULT_BUCKET = "lakefs-data";
}
