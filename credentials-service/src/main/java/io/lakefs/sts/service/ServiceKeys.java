package io.lakefs.sts.service;

import io.lakefs.sts.service.lakefs.LakeFSKeys;

/**
 * Every configuration key of the credentials service, with its default ({@code DEFAULT_X}; the lakeFS client's
 * defaults are {@link LakeFSKeys}'s, declared there once). The service reads them once,
 * from a Hadoop-style XML file ({@code lakefs-sts-site.xml}), into {@link ServiceConfig}. Secrets are read
 * with {@code Configuration.getPassword}, so they may live in a Hadoop credential provider
 * ({@code hadoop.security.credential.provider.path}) instead of the file.
 */
public final class ServiceKeys {
  private ServiceKeys() {
  }

  /** host:port the HTTP(S) endpoint listens on. */
  public static final String HTTP_ADDRESS = "lakefs.sts.http.address";
  public static final String DEFAULT_HTTP_ADDRESS = "127.0.0.1:8765";

  /** A JKS or PKCS12 keystore with the server's TLS key; when set the endpoint speaks HTTPS only. */
  public static final String TLS_KEYSTORE_PATH = "lakefs.sts.tls.keystore.path";
  /** Keystore password (a secret: prefer a credential provider). */
  public static final String TLS_KEYSTORE_PASSWORD = "lakefs.sts.tls.keystore.password";
  public static final String TLS_KEYSTORE_TYPE = "lakefs.sts.tls.keystore.type";
  public static final String DEFAULT_TLS_KEYSTORE_TYPE = "PKCS12";

  /** lakeFS's API base URL; callers' lakeFS keys are checked against it ({@link LakeFSKeys#DEFAULT_ENDPOINT}). */
  public static final String LAKEFS_ENDPOINT = "lakefs.sts.lakefs.endpoint";
  /** Connect and read timeout for calls to lakeFS, in milliseconds ({@link LakeFSKeys#DEFAULT_TIMEOUT_MILLIS}). */
  public static final String LAKEFS_TIMEOUT_MILLIS = "lakefs.sts.lakefs.timeout.millis";
  /**
   * How long a successful lakeFS authentication is trusted before lakeFS is asked again, in seconds (default
   * {@link LakeFSKeys#DEFAULT_AUTH_CACHE_SECONDS}).
   */
  public static final String LAKEFS_AUTH_CACHE_SECONDS = "lakefs.sts.lakefs.auth.cache.seconds";

  /** The IAM role assumed for lakeFS users. Unset: the feature is off and credential requests say so. */
  public static final String ROLE_ARN = "lakefs.sts.role.arn";
  /** The sts:ExternalId the role's trust policy requires, if any. */
  public static final String ROLE_EXTERNAL_ID = "lakefs.sts.role.external-id";
  /** Region of the STS endpoint. */
  public static final String STS_REGION = "lakefs.sts.sts.region";
  public static final String DEFAULT_STS_REGION = "us-east-1";
  /** An STS endpoint other than AWS's (MinIO, Ceph RGW, a VPC endpoint, local-aws). */
  public static final String STS_ENDPOINT = "lakefs.sts.sts.endpoint";
  /** Long-term key the service calls STS with; unset: the AWS SDK's default credentials chain. */
  public static final String STS_ACCESS_KEY = "lakefs.sts.sts.access-key";
  /** Its secret (prefer a credential provider). */
  public static final String STS_SECRET_KEY = "lakefs.sts.sts.secret-key";
  /** Lifetime asked of STS for issued credentials, in seconds (900 to the role's maximum). */
  public static final String CREDENTIALS_DURATION_SECONDS = "lakefs.sts.credentials.duration.seconds";
  public static final long DEFAULT_CREDENTIALS_DURATION_SECONDS = 3600;
  /** Cached credentials are re-issued when less than this is left, in seconds. */
  public static final String CREDENTIALS_REFRESH_MARGIN_SECONDS = "lakefs.sts.credentials.refresh-margin.seconds";
  public static final long DEFAULT_CREDENTIALS_REFRESH_MARGIN_SECONDS = 300;
  /** Access level granted when a request names none: read or write. */
  public static final String CREDENTIALS_DEFAULT_ACCESS = "lakefs.sts.credentials.default.access";
  public static final String DEFAULT_CREDENTIALS_DEFAULT_ACCESS = "read";
  /** Repositories granted when a request names none (comma-separated); empty: a request must name them. */
  public static final String CREDENTIALS_DEFAULT_REPOSITORIES = "lakefs.sts.credentials.default.repositories";
  /**
   * Prefix of per-repository settings: {@code lakefs.sts.repository.<repo>.extra-locations} and
   * {@code lakefs.sts.repository.<repo>.kms.key-arn} ({@link #KMS_KEY_ARN_SUFFIX}).
   */
  public static final String REPOSITORY_PREFIX = "lakefs.sts.repository.";
  /**
   * Suffix of a repository's extra locations, e.g. {@code lakefs.sts.repository.sales.extra-locations =
   * s3://imports/sales/}: data imported into that repository from outside its storage namespace, granted
   * read-only whatever access is asked (lakeFS never writes imported data).
   */
  public static final String REPOSITORY_EXTRA_LOCATIONS_SUFFIX = ".extra-locations";

  /**
   * Per storage roles: {@code lakefs.sts.storage.<storage-id>.role.arn} (and {@code .role.external-id}) is the
   * role for repositories lakeFS keeps in that storage ({@code storage_id}); the default role serves the rest.
   */
  public static final String STORAGE_PREFIX = "lakefs.sts.storage.";
  /**
   * Per bucket settings: {@code lakefs.sts.bucket.<bucket>.role.arn} (and {@code .role.external-id}), the role
   * for locations in that bucket (one in another account, say), ahead of any storage role; and
   * {@code lakefs.sts.bucket.<bucket>.kms.key-arn}, the KMS key its objects are encrypted with (SSE-KMS).
   */
  public static final String BUCKET_PREFIX = "lakefs.sts.bucket.";
  /** Suffix of a storage's or bucket's role ARN. */
  public static final String ROLE_ARN_SUFFIX = ".role.arn";
  /** Suffix of a storage's or bucket's role external id. */
  public static final String ROLE_EXTERNAL_ID_SUFFIX = ".role.external-id";
  /**
   * Suffix of a bucket's or repository's KMS key ARN ({@code lakefs.sts.repository.<repo>.kms.key-arn}); a
   * repository's key applies to its storage namespace, ahead of its bucket's.
   */
  public static final String KMS_KEY_ARN_SUFFIX = ".kms.key-arn";

  /** How callers may authenticate, comma-separated: basic (lakeFS access keys), negotiate (Kerberos/SPNEGO). */
  public static final String AUTH_SCHEMES = "lakefs.sts.auth.schemes";
  public static final String DEFAULT_AUTH_SCHEMES = "basic";

  /** Where the service's own delegation tokens and their signing keys live: memory (one instance) or zookeeper. */
  public static final String TOKEN_STORE = "lakefs.sts.token.store";
  public static final String DEFAULT_TOKEN_STORE = "memory";
  /** How long a delegation token may live, however often it is renewed, in seconds. */
  public static final String TOKEN_MAX_LIFETIME_SECONDS = "lakefs.sts.token.max-lifetime.seconds";
  public static final long DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 7 * 24 * 3600;
  /** How long a delegation token lives after it is issued or renewed, in seconds. */
  public static final String TOKEN_RENEW_INTERVAL_SECONDS = "lakefs.sts.token.renew-interval.seconds";
  public static final long DEFAULT_TOKEN_RENEW_INTERVAL_SECONDS = 24 * 3600;

  /** ZooKeeper ensemble for the zookeeper token store, host:port[,host:port...]. */
  public static final String ZOOKEEPER_CONNECT = "lakefs.sts.zookeeper.connect";
  /** Znode under which the instances share token secrets and the hadoop-auth cookie secret. */
  public static final String ZOOKEEPER_PATH = "lakefs.sts.zookeeper.path";
  public static final String DEFAULT_ZOOKEEPER_PATH = "/lakefs-sts";
  /** How the service authenticates to ZooKeeper: none (open ACLs) or sasl (Kerberos; znodes readable by it only). */
  public static final String ZOOKEEPER_AUTH = "lakefs.sts.zookeeper.auth";
  public static final String DEFAULT_ZOOKEEPER_AUTH = "none";
  /** Kerberos principal the service logs in to ZooKeeper as, with sasl. */
  public static final String ZOOKEEPER_KERBEROS_PRINCIPAL = "lakefs.sts.zookeeper.kerberos.principal";
  /** Keytab file of that principal, with sasl. */
  public static final String ZOOKEEPER_KERBEROS_KEYTAB = "lakefs.sts.zookeeper.kerberos.keytab";
  /** How long start-up waits for ZooKeeper before giving up, in milliseconds. */
  public static final String ZOOKEEPER_CONNECTION_TIMEOUT_MILLIS = "lakefs.sts.zookeeper.connection-timeout.millis";
  public static final long DEFAULT_ZOOKEEPER_CONNECTION_TIMEOUT_MILLIS = 15_000;
  /** ZooKeeper session timeout, in milliseconds. */
  public static final String ZOOKEEPER_SESSION_TIMEOUT_MILLIS = "lakefs.sts.zookeeper.session-timeout.millis";
  public static final long DEFAULT_ZOOKEEPER_SESSION_TIMEOUT_MILLIS = 60_000;

  /** The service's HTTP principal for scheme negotiate; {@code _HOST} becomes the listen host, as in Hadoop. */
  public static final String KERBEROS_PRINCIPAL = "lakefs.sts.kerberos.principal";
  /** Path of the keytab holding the HTTP principal's key (needed for scheme negotiate). */
  public static final String KERBEROS_KEYTAB = "lakefs.sts.kerberos.keytab";
  /** Hadoop {@code auth_to_local} rules mapping a Kerberos principal to the lakeFS user id. */
  public static final String KERBEROS_NAME_RULES = "lakefs.sts.kerberos.name.rules";
  public static final String DEFAULT_KERBEROS_NAME_RULES = "DEFAULT";

  /** Worker threads of the HTTP server. */
  public static final String HTTP_MAX_THREADS = "lakefs.sts.http.max-threads";
  public static final int DEFAULT_HTTP_MAX_THREADS = 200;
  /** A connection silent this long is closed, in milliseconds. */
  public static final String HTTP_IDLE_TIMEOUT_MILLIS = "lakefs.sts.http.idle-timeout.millis";
  public static final long DEFAULT_HTTP_IDLE_TIMEOUT_MILLIS = 15_000;
  /** How long a credentials request's body may take to arrive once the caller is authenticated, in milliseconds. */
  public static final String HTTP_BODY_TIMEOUT_MILLIS = "lakefs.sts.http.body-timeout.millis";
  public static final long DEFAULT_HTTP_BODY_TIMEOUT_MILLIS = 10_000;

  /**
   * How long the hadoop.auth cookie a Kerberos caller gets lets it in without a new SPNEGO handshake, in seconds.
   * Callers with a lakeFS key get no cookie.
   */
  public static final String AUTH_COOKIE_VALIDITY_SECONDS = "lakefs.sts.auth.cookie.validity.seconds";
  public static final long DEFAULT_AUTH_COOKIE_VALIDITY_SECONDS = 300;

  /** How many live delegation tokens one user may hold; more are refused with 429 until one expires or is cancelled. */
  public static final String TOKEN_MAX_LIVE_PER_USER = "lakefs.sts.token.max-live-per-user";
  public static final int DEFAULT_TOKEN_MAX_LIVE_PER_USER = 100;
  /** How many delegation tokens one user may obtain per minute (and at once); more are refused with 429. */
  public static final String TOKEN_ISSUE_RATE_PER_MINUTE = "lakefs.sts.token.issue-rate.per-minute";
  public static final int DEFAULT_TOKEN_ISSUE_RATE_PER_MINUTE = 60;
}
