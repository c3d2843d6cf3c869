package io.lakefs.sts.spark.plugin;

import io.lakefs.sts.spark.DriverSettings;
import io.lakefs.sts.spark.LakeFSTokenSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver half of {@link LakeFSTokenPlugin}: obtains the tokens at start (a failure stops the SparkContext
 * with the reason), puts them in the driver's own credentials too (the driver reads and commits through S3A),
 * obtains newer ones when they are due, and answers executors' {@link TokenRequest}s with the current ones. An
 * ask that arrives when the tokens are due waits for the newer ones, so an executor never gets tokens the
 * driver already knows are stale, whatever the two machines' clocks say.
 */
final class DriverTokens implements DriverPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(DriverTokens.class);
  /** Shortest "ask again" delay given to executors, so a clock at the edge cannot make them ask in a loop. */
  private static final Duration MIN_ASK_DELAY = Duration.ofSeconds(1);

  private final Clock clock = Clock.systemUTC();
  // Set once in init(): Spark builds plugins with a no-argument constructor and hands the context to init.
  private ScheduledExecutorService scheduler;
  private LakeFSTokenSource source;
  private DriverSettings settings;
  private UserGroupInformation driverUser;
  private Credentials current;
  private Instant refreshAt;

  @Override
  public Map<String, String> init(SparkContext sc, PluginContext pluginContext) {
    settings = DriverSettings.from(sc.getConf(), System.getenv());
    try {
      driverUser = UserGroupInformation.getCurrentUser();
      source = new LakeFSTokenSource(settings.issuerConfiguration(sc.hadoopConfiguration()),
          settings.renewer().orElse(driverUser.getShortUserName()));
      LakeFSTokenSource.Obtained first = source.getDelegationTokens();
      install(first);
    } catch (IOException e) {
      throw new UncheckedIOException("lakeFS token plugin: could not obtain the first lakeFS tokens (" + settings
          + "): " + e.getMessage(), e);
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lakefs-token-refresh");
      thread.setDaemon(true);
      return thread;
    });
    scheduleRefresh();
    return Collections.emptyMap();
  }

  @Override
  public Object receive(Object message) {
    if (!(message instanceof TokenRequest)) {
      throw new IllegalArgumentException("lakeFS token plugin: the driver got a " + message.getClass().getName()
          + " but expects only TokenRequest; are the driver and executors on the same plugin version?");
    }
    TokenRequest request = (TokenRequest) message;
    TokenUpdate update = currentUpdate();
    LOG.debug("Sending lakeFS tokens to executor {}: {}", request.executorId(), update);
    return update;
  }

  @Override
  public void shutdown() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private synchronized TokenUpdate currentUpdate() {
    if (!clock.instant().isBefore(refreshAt)) {
      refresh();
    }
    Duration askAfter = Duration.between(clock.instant(), refreshAt);
    return TokenUpdate.of(current, askAfter.compareTo(MIN_ASK_DELAY) < 0 ? MIN_ASK_DELAY : askAfter);
  }

  private synchronized void refresh() {
    try {
      install(source.getDelegationTokens());
    } catch (IOException | RuntimeException e) {
      refreshAt = clock.instant().plus(settings.retryInterval());
      LOG.warn("lakeFS token plugin: could not obtain newer lakeFS tokens ({}); executors keep the current ones,"
          + " trying again at {}", e.getMessage(), refreshAt, e);
    }
  }

  private synchronized void install(LakeFSTokenSource.Obtained obtained) {
    driverUser.addCredentials(obtained.credentials());
    current = obtained.credentials();
    refreshAt = obtained.refreshAt();
    LOG.info("lakeFS token plugin: obtained {}; obtaining newer ones at {}", TokenDescriptions.of(current), refreshAt);
  }

  private void scheduleRefresh() {
    Instant at;
    synchronized (this) {
      at = refreshAt;
    }
    long delayMillis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    scheduler.schedule(() -> {
      currentUpdate();
      scheduleRefresh();
    }, delayMillis, TimeUnit.MILLISECONDS);
  }
}
