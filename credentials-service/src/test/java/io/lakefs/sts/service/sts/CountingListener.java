package io.lakefs.sts.service.sts;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the issuers report, as the metrics exporter will. */
final class CountingListener implements IssuerListener {
  final AtomicInteger issued = new AtomicInteger();
  final AtomicInteger cacheHits = new AtomicInteger();
  final AtomicInteger sharedCalls = new AtomicInteger();
  final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

  @Override
  public void issued(Duration stsLatency) {
    issued.incrementAndGet();
  }

  @Override
  public void stsError(String errorCode, Duration stsLatency) {
    errors.computeIfAbsent(errorCode, code -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void cacheHit() {
    cacheHits.incrementAndGet();
  }

  @Override
  public void sharedCall() {
    sharedCalls.incrementAndGet();
  }

  int errors(String code) {
    AtomicInteger count = errors.get(code);
    return count == null ? 0 : count.get();
  }

  /** Every AssumeRole attempt, successful or not. */
  int stsCalls() {
    return issued.get() + errors.values().stream().mapToInt(AtomicInteger::get).sum();
  }
}
