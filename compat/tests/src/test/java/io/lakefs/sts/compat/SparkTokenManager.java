package io.lakefs.sts.compat;

import static org.junit.Assert.assertTrue;

import io.lakefs.sts.spark.LakeFSDelegationTokenProvider;
import java.time.Instant;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.security.HadoopDelegationTokenManager;
import scala.Tuple2;

/**
 * Spark's token manager as the driver runs it, apart from {@link SparkTokenProviderTest} so that class loads
 * where Spark is absent (surefire's default execution, where it skips itself).
 */
final class SparkTokenManager {
  /** What one obtain gave: the tokens, and when the manager would obtain again. */
  static final class Obtained {
    final Credentials credentials;
    final Instant nextObtain;

    Obtained(Credentials credentials, Instant nextObtain) {
      this.credentials = credentials;
      this.nextObtain = nextObtain;
    }
  }

  private SparkTokenManager() {
  }

  /** As the current user: the manager's own obtain step, which its renewal task runs and schedules from. */
  static Obtained obtain(Map<String, String> sparkSettings, Configuration hadoopConf) {
    SparkConf sparkConf = new SparkConf(false);
    sparkSettings.forEach(sparkConf::set);
    HadoopDelegationTokenManager manager = new HadoopDelegationTokenManager(sparkConf, hadoopConf, null);
    assertTrue("Spark's ServiceLoader did not load the lakefs provider",
        manager.isProviderLoaded(LakeFSDelegationTokenProvider.SERVICE_NAME));
    // Private in Scala, hence the mangled name.
    Tuple2<Credentials, Object> obtained =
        manager.org$apache$spark$deploy$security$HadoopDelegationTokenManager$$obtainDelegationTokens();
    return new Obtained(obtained._1(), Instant.ofEpochMilli((Long) obtained._2()));
  }
}
