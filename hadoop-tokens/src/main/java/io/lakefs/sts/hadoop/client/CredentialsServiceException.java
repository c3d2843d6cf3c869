package io.lakefs.sts.hadoop.client;

import java.io.IOException;
import java.net.URI;

/**
 * The credentials service refused a call, or could not be reached. Carries the HTTP status (0 when no
 * endpoint answered) and the service's own message verbatim (it says why: unknown repository, cancelled or
 * expired token, ...); {@link #getMessage()} adds which call failed where and what to do.
 */
public class CredentialsServiceException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The status when no endpoint answered at all. */
  public static final int NO_ANSWER = 0;

  private final int status;
  private final String serviceMessage;
  private final URI endpoint;

  CredentialsServiceException(String message, int status, String serviceMessage, URI endpoint, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.serviceMessage = serviceMessage;
    this.endpoint = endpoint;
  }

  /** The HTTP status the service answered, or {@link #NO_ANSWER}. */
  public int status() {
    return status;
  }

  /** What the service said, verbatim; empty when it said nothing readable or was not reached. */
  public String serviceMessage() {
    return serviceMessage;
  }

  /** The endpoint that answered last (or was tried last). */
  public URI endpoint() {
    return endpoint;
  }
}
