package io.lakefs.sts.service.http;

import io.lakefs.sts.service.sts.IssuerListener;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/** The service's Prometheus metrics, in a registry of its own (no global state). */
public final class ServiceMetrics implements IssuerListener {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter credentialRequests = Counter.builder()
      .name("lakefs_sts_credential_requests_total")
      .help("Credential requests answered, by HTTP status")
      .labelNames("status")
      .register(registry);
  private final Counter denials = Counter.builder()
      .name("lakefs_sts_denials_total")
      .help("Requests refused, by reason")
      .labelNames("reason")
      .register(registry);
  private final Counter issued = Counter.builder()
      .name("lakefs_sts_sts_credentials_issued_total")
      .help("Credentials STS issued (cache misses)")
      .register(registry);
  private final Counter cacheHits = Counter.builder()
      .name("lakefs_sts_credentials_cache_hits_total")
      .help("Credentials served from the cache without calling STS")
      .register(registry);
  private final Counter sharedCalls = Counter.builder()
      .name("lakefs_sts_sts_shared_calls_total")
      .help("Requests that waited for an identical STS call already in flight")
      .register(registry);
  private final Counter stsErrors = Counter.builder()
      .name("lakefs_sts_sts_errors_total")
      .help("Failed AssumeRole attempts, by STS error code")
      .labelNames("code")
      .register(registry);
  private final Histogram stsLatency = Histogram.builder()
      .name("lakefs_sts_sts_call_seconds")
      .help("AssumeRole call latency")
      .register(registry);

  /** Looked up once: the label lookup allocates, and nearly every answer is a 200. */
  private final CounterDataPoint answeredOk = credentialRequests.labelValues("200");

  public PrometheusRegistry registry() {
    return registry;
  }

  void answered(int status) {
    (status == 200 ? answeredOk : credentialRequests.labelValues(Integer.toString(status))).inc();
  }

  void denied(String reason) {
    denials.labelValues(reason).inc();
  }

  @Override
  public void issued(Duration latency) {
    issued.inc();
    stsLatency.observe(latency.toNanos() / 1e9);
  }

  @Override
  public void stsError(String errorCode, Duration latency) {
    stsErrors.labelValues(errorCode).inc();
    stsLatency.observe(latency.toNanos() / 1e9);
  }

  @Override
  public void cacheHit() {
    cacheHits.inc();
  }

  @Override
  public void sharedCall() {
    sharedCalls.inc();
  }
}
