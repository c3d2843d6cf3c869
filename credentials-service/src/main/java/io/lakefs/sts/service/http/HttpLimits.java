package io.lakefs.sts.service.http;

import java.time.Duration;

/**
 * How much of the server one caller can hold: the worker threads there are, how long a connection may stay silent,
 * and how long a request body may take to arrive. A request with a body gets a thread only once its first bytes
 * arrive, and the credentials endpoint reads its body without holding one.
 *
 * @param maxThreads Jetty's worker threads
 * @param idleTimeout a connection silent this long is closed
 * @param bodyTimeout a credentials request whose body has not arrived this long after authentication gets 408
 */
public record HttpLimits(int maxThreads, Duration idleTimeout, Duration bodyTimeout) {
  /** Jetty's own floor: acceptors and selectors need threads of the same pool. */
  public static final int MIN_THREADS = 8;
  /**
   * Connections the kernel holds until Jetty accepts them (capped by net.core.somaxconn). Jetty leaves the JVM's
   * 50, and a herd of a thousand clients then overflows the listen queue and sees connection resets (R2).
   */
  public static final int ACCEPT_QUEUE = 1024;
}
