package io.lakefs.sts.protocol;

/**
 * Why the service refuses a request: a stable code (the label of the service's denial metric) and the HTTP
 * status the refusal is answered with. The service maps its failures to these in one place; a client may read
 * the status to decide what to do (retry a 503, fix the request on a 400, ...).
 */
public enum RefusalReason {
  // The request itself.
  /** The request's parameters or body are not what the endpoint takes. */
  BAD_REQUEST("bad_request", 400),
  UNREADABLE_BODY("unreadable_body", 400),
  /** The request body did not arrive in time. */
  BODY_TIMEOUT("body_timeout", 408),
  BODY_TOO_LARGE("body_too_large", 413),

  // Who the caller is.
  /** The request presents the credentials of two users (a token beside an Authorization header, a cookie of another). */
  TWO_IDENTITIES("two_identities", 400),
  /** The lakeFS key given is not {@code Basic base64(accessKeyId:secret)}. */
  MALFORMED_LAKEFS_KEY("malformed_lakefs_key", 400),
  /** lakeFS does not know the key. */
  LAKEFS_AUTHENTICATION("lakefs_authentication", 401),
  /** The Kerberos (SPNEGO) token was not accepted. */
  KERBEROS_REFUSED("kerberos_refused", 403),
  /** The lakeFS user's id cannot be carried as a hadoop-auth user name. */
  UNCARRIABLE_USER_ID("uncarriable_user_id", 403),
  /** The operation needs the caller's lakeFS key, and the request authenticated without one. */
  NO_LAKEFS_CREDENTIALS("no_lakefs_credentials", 403),
  /** The lakeFS key belongs to another user than the one who authenticated. */
  LAKEFS_KEY_OF_ANOTHER_USER("lakefs_key_of_another_user", 403),

  // The service's delegation tokens.
  /** The presented token is not one of the service's live tokens. */
  INVALID_TOKEN("invalid_token", 403),
  /** A delegation token presented to authenticate an operation on tokens. */
  TOKEN_FOR_TOKEN_OPERATION("token_for_token_operation", 403),
  /** The caller may not renew the token (not its renewer, or past its maximum lifetime). */
  RENEWAL_REFUSED("renewal_refused", 403),
  /** The caller may not cancel the token (neither its owner nor its renewer). */
  CANCEL_REFUSED("cancel_refused", 403),
  /** The token to cancel is not one of the service's live tokens. */
  TOKEN_NOT_FOUND("token_not_found", 404),
  /** The user holds, or obtained within the last minute, as many tokens as one user may; wait (Retry-After). */
  TOO_MANY_TOKENS("too_many_tokens", 429),
  /** The token ends before credentials could be of use. */
  TOKEN_EXPIRES_TOO_SOON("token_expires_too_soon", 401),
  /** The repositories or access asked for go beyond the token's scope. */
  OUTSIDE_TOKEN_SCOPE("outside_token_scope", 403),

  // The repositories asked for.
  REPOSITORY_ACCESS_DENIED("repository_access_denied", 403),
  /** Write or gc access asked of a read-only repository. */
  REPOSITORY_READ_ONLY("repository_read_only", 403),
  REPOSITORY_NOT_FOUND("repository_not_found", 404),
  /** The repositories' storage lies under more than one configured role. */
  SCOPE_SPANS_ROLES("scope_spans_roles", 400),
  /** A repository id, storage namespace or session policy the service cannot express. */
  UNSUPPORTED_SCOPE("unsupported_scope", 400),

  // What the service depends on.
  LAKEFS_UNAVAILABLE("lakefs_unavailable", 503),
  STS_UNAVAILABLE("sts_unavailable", 503),
  /** STS refused the request as asked (a client error STS reports). */
  STS_REFUSED_REQUEST("sts_refused_request", 400),
  /** STS refused the service's own AssumeRole call: the operator must fix the service's role or trust. */
  STS_MISCONFIGURED("sts_misconfigured", 500),
  /** The service issues delegation tokens only; STS credentials are switched off. */
  STS_DISABLED("sts_disabled", 501);

  private final String code;
  private final int status;

  RefusalReason(String code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The stable label: a metric label, a word a client may match on. */
  public String code() {
    return code;
  }

  /** The HTTP status the refusal is answered with. */
  public int status() {
    return status;
  }

  /** The reason a code names, or null when it names none. */
  public static RefusalReason fromCode(String code) {
    for (RefusalReason reason : values()) {
      if (reason.code.equals(code)) {
        return reason;
      }
    }
    return null;
  }
}
