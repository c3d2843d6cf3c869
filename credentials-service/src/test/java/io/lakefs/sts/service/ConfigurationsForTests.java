package io.lakefs.sts.service;

import static org.junit.Assert.assertThrows;

import org.apache.hadoop.conf.Configuration;

/** Building service configurations in tests, and reading why one is refused. */
final class ConfigurationsForTests {
  private ConfigurationsForTests() {
  }

  /** Only the given keys: no Hadoop defaults, no files. */
  static Configuration conf(String... keysAndValues) {
    Configuration conf = new Configuration(false);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      conf.set(keysAndValues[i], keysAndValues[i + 1]);
    }
    return conf;
  }

  /** The message of the refusal that reading this configuration must produce. */
  static String refusal(Configuration conf) {
    return assertThrows(IllegalArgumentException.class, () -> ServiceConfig.from(conf)).getMessage();
  }
}
