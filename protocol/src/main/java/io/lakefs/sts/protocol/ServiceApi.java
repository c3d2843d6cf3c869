package io.lakefs.sts.protocol;

/**
 * The credentials service's HTTP API: its paths, the headers it reads, and the query parameters and body
 * fields of its requests. The parameters and header Hadoop's delegation-token protocol defines are named here
 * too, so a client needs nothing of hadoop-auth to speak to the service; the service's tests check they are
 * Hadoop's.
 */
public final class ServiceApi {
  /** The API's root, as lakeFS's own API is rooted. */
  public static final String API_PATH = "/api/v1";
  /** {@code POST}: STS credentials ({@link CredentialsAnswer}); body {@code {"repositories": [...], "access"}}. */
  public static final String CREDENTIALS_PATH = API_PATH + "/credentials";
  /** The service's delegation tokens: {@code ?op=} one of {@link DelegationTokenOperation}. */
  public static final String DELEGATION_TOKEN_PATH = API_PATH + "/delegation-token";
  public static final String HEALTH_PATH = "/health";
  public static final String METRICS_PATH = "/metrics";

  /**
   * Where a caller that authenticated otherwise (Kerberos) sends its lakeFS key, as
   * {@code Basic base64(accessKeyId:secret)}, for the service to check its repositories in lakeFS.
   */
  public static final String LAKEFS_AUTHORIZATION_HEADER = "X-LakeFS-Authorization";
  /** Hadoop's header for presenting a delegation token (its URL-string encoding). */
  public static final String DELEGATION_TOKEN_HEADER = "X-Hadoop-Delegation-Token";
  public static final String RETRY_AFTER_HEADER = "Retry-After";

  /** The repositories asked for: a comma-separated query parameter, or a JSON array in a credentials body. */
  public static final String REPOSITORIES = "repositories";
  /** The access asked for: {@code read}, {@code write} or {@code gc}; a query parameter or a body field. */
  public static final String ACCESS = "access";
  /** Hadoop's operation parameter: {@link DelegationTokenOperation#wireName()}. */
  public static final String OP_PARAMETER = "op";
  /** Hadoop's parameter naming who may renew a new token. */
  public static final String RENEWER_PARAMETER = "renewer";
  /** Hadoop's parameter naming the service a new token is for. */
  public static final String SERVICE_PARAMETER = "service";
  /** Hadoop's parameter carrying the token renewed or cancelled. */
  public static final String TOKEN_PARAMETER = "token";
  /** The field of an error body that says what went wrong: {@code {"message": "..."}}, as lakeFS writes it. */
  public static final String MESSAGE_FIELD = "message";

  private ServiceApi() {
  }
}
