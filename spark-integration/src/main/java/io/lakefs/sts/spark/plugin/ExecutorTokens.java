package io.lakefs.sts.spark.plugin;

import io.lakefs.sts.spark.LakeFSSparkKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor half of {@link LakeFSTokenPlugin}: asks the driver for the tokens when the executor starts (a
 * failure stops the executor with the reason, before it runs a task), then again when the driver says, and adds
 * them to the executor's Hadoop credentials the way Spark adds pushed tokens
 * ({@code UserGroupInformation.addCredentials}, as {@code SparkHadoopUtil.addCurrentUserCredentials} does), so
 * S3A's lakeFS binding, already open or not, finds the newest. A failed ask is retried; the tokens installed
 * before stay in use meanwhile.
 */
final class ExecutorTokens implements ExecutorPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorTokens.class);

  // Set once in init(): Spark builds plugins with a no-argument constructor and hands the context to init.
  private PluginContext context;
  private UserGroupInformation executorUser;
  private Duration retryInterval;
  private ScheduledExecutorService scheduler;

  @Override
  public void init(PluginContext ctx, Map<String, String> extraConf) {
    context = ctx;
    retryInterval = Duration.ofMillis(ctx.conf().getLong(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS,
        LakeFSSparkKeys.DEFAULT_RETRY_INTERVAL_MILLIS));
    Duration next;
    try {
      // The user tasks run as; captured here because the refresh thread is not inside the executor's doAs.
      executorUser = UserGroupInformation.getCurrentUser();
      next = fetch();
    } catch (Exception e) {
      throw new IllegalStateException("lakeFS token plugin: executor " + ctx.executorID() + " could not get lakeFS"
          + " tokens from the driver: " + e.getMessage() + ". Check the driver's log for why it has none", e);
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lakefs-token-fetch");
      thread.setDaemon(true);
      return thread;
    });
    schedule(next);
  }

  @Override
  public void shutdown() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private Duration fetch() throws Exception {
    TokenUpdate update = (TokenUpdate) context.ask(new TokenRequest(context.executorID()));
    Credentials credentials = update.credentials();
    executorUser.addCredentials(credentials);
    LOG.info("lakeFS token plugin: installed {} from the driver; asking again in {}",
        TokenDescriptions.of(credentials), update.askAgainAfter());
    return update.askAgainAfter();
  }

  private void schedule(Duration delay) {
    scheduler.schedule(() -> {
      Duration next;
      try {
        next = fetch();
      } catch (Exception e) {
        next = retryInterval;
        LOG.warn("lakeFS token plugin: could not get newer lakeFS tokens from the driver ({}); the current ones stay"
            + " in use, asking again in {}", e.getMessage(), next, e);
      }
      schedule(next);
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }
}
