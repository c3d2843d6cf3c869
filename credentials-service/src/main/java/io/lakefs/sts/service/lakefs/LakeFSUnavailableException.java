package io.lakefs.sts.service.lakefs;

import java.net.URI;

/**
 * lakeFS gave no usable answer: connection refused, no answer in time, a 5xx, a redirect, or something
 * that is not lakeFS's API. It says nothing about the caller, so it must never be answered as a 401:
 * the service answers 503, and the caller may try again later.
 */
public final class LakeFSUnavailableException extends LakeFSException {
  private final URI endpoint;

  LakeFSUnavailableException(String message, URI endpoint, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
  }

  /** The lakeFS API URL that failed to answer. */
  public URI endpoint() {
    return endpoint;
  }
}
