package io.lakefs.sts.spark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.junit.Test;

public class DriverSettingsTest {
  private static final String SECRET = "driver-only-secret";

  @Test
  public void refusesTheLakeFSKeyInTheSparkConfBecauseExecutorsWouldGetIt() {
    for (String key : new String[] {LakeFSSparkKeys.HADOOP_SECRET_KEY, LakeFSSparkKeys.HADOOP_ACCESS_KEY}) {
      SparkConf conf = new SparkConf(false).set(key, SECRET);
      String message = assertThrows(IllegalArgumentException.class, () -> DriverSettings.from(conf, Map.of()))
          .getMessage();
      assertTrue(message, message.startsWith(key + " is set in the Spark configuration, which Spark sends to every"
          + " executor"));
      assertTrue(message, message.contains("LAKEFS_SECRET_ACCESS_KEY"));
      assertTrue(message, message.contains(LakeFSSparkKeys.DRIVER_ACCESS_KEY));
      assertFalse("the refusal repeats the value", message.contains(SECRET));
    }
  }

  @Test
  public void theSecretFromTheDriversEnvironmentReachesOnlyTheIssuersCopyOfTheConfiguration() throws Exception {
    SparkConf conf = new SparkConf(false).set(LakeFSSparkKeys.DRIVER_ACCESS_KEY, "AKIALAKEFSUSER")
        .set(LakeFSSparkKeys.DRIVER_SECRET_KEY_ENV, "MY_LAKEFS_SECRET");
    DriverSettings settings = DriverSettings.from(conf, Map.of("MY_LAKEFS_SECRET", SECRET));
    Configuration driverConf = new Configuration(false);
    Configuration issuerConf = settings.issuerConfiguration(driverConf);
    assertEquals(SECRET, String.valueOf(issuerConf.getPassword(LakeFSTokenKeys.SECRET_KEY)));
    assertEquals("AKIALAKEFSUSER", issuerConf.get(LakeFSTokenKeys.ACCESS_KEY));
    assertNull(driverConf.get(LakeFSTokenKeys.SECRET_KEY));
    assertFalse(settings.toString(), settings.toString().contains(SECRET));
    assertTrue(settings.toString(), settings.toString().contains("$MY_LAKEFS_SECRET"));
  }

  @Test
  public void refusesANonPositiveRetryInterval() {
    SparkConf conf = new SparkConf(false).set(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS, "0");
    assertEquals(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS + " must be a positive number of milliseconds, got 0",
        assertThrows(IllegalArgumentException.class, () -> DriverSettings.from(conf, Map.of())).getMessage());
  }
}
