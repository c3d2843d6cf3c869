package io.lakefs.sts.service.http;

import java.time.Duration;

/**
 * How much of the server one caller can hold: the worker threads there are, how long a connection may stay silent,
 * and the slowest a request body may arrive once it has started. A request with a body gets a thread only once
 * its first bytes arrive, so silent connections hold none.
 *
 * @param maxThreads Jetty's worker threads
 * @param idleTimeout a connection silent this long is closed (a request waiting for its body is answered 408)
 * @param minRequestBytesPerSecond a body arriving slower is cut off with 408, freeing its thread
 */
public record HttpLimits(int maxThreads, Duration idleTimeout, long minRequestBytesPerSecond) {
  /** Jetty's own floor: acceptors and selectors need threads of the same pool. */
  public static final int MIN_THREADS = 8;
}
