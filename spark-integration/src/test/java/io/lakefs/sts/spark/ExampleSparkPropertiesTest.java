package io.lakefs.sts.spark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.spark.plugin.LakeFSTokenPlugin;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.Test;

/**
 * The {@code spark-submit --properties-file} examples name only real keys (ours, hadoop-tokens' under
 * {@code spark.hadoop.}, and the Spark settings the README asks for), with our class names, and no key the plugin
 * refuses (a lakeFS secret or key id shipped to every executor).
 */
public class ExampleSparkPropertiesTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "spark");
  private static final Set<String> SPARK_SETTINGS = Set.of("spark.plugins", "spark.authenticate",
      "spark.network.crypto.enabled");

  @Test
  public void pluginModeFileUsesRealKeysAndThePlugin() throws Exception {
    Properties file = load("plugin.properties");
    assertKnownKeys(file);
    assertEquals(LakeFSSparkKeys.PLUGIN_CLASS, file.getProperty("spark.plugins"));
  }

  @Test
  public void thePluginKeyNamesThePluginClass() {
    assertEquals(LakeFSTokenPlugin.class.getName(), LakeFSSparkKeys.PLUGIN_CLASS);
  }

  @Test
  public void kerberosModeFileUsesRealKeysAndNoPlugin() throws Exception {
    Properties file = load("kerberos.properties");
    assertKnownKeys(file);
    // Both would obtain tokens: the README says to use one or the other.
    assertFalse(file.containsKey("spark.plugins"));
    assertEquals("yarn", file.getProperty(LakeFSSparkKeys.TOKEN_RENEWER));
  }

  private static Properties load(String name) throws Exception {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(EXAMPLES.resolve(name))) {
      properties.load(in);
    }
    return properties;
  }

  private static void assertKnownKeys(Properties file) throws Exception {
    Set<String> known = new HashSet<>(SPARK_SETTINGS);
    known.addAll(keys(LakeFSSparkKeys.class, "spark."));
    keys(LakeFSTokenKeys.class, "fs.").forEach(k -> known.add(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + k));
    known.remove(LakeFSSparkKeys.HADOOP_ACCESS_KEY);
    known.remove(LakeFSSparkKeys.HADOOP_SECRET_KEY);
    for (String key : file.stringPropertyNames()) {
      assertTrue("not a key the plugin, hadoop-tokens or the README knows (or one it refuses): " + key,
          known.contains(key));
    }
    assertEquals(LakeFSSparkKeys.S3A_BINDING_CLASS, file.getProperty(LakeFSSparkKeys.S3A_DELEGATION_TOKEN_BINDING));
    assertTrue(file.containsKey(LakeFSSparkKeys.SERVICE_ENDPOINTS));
  }

  private static Set<String> keys(Class<?> constants, String prefix) throws IllegalAccessException {
    Set<String> keys = new HashSet<>();
    for (Field field : constants.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && !field.getName().startsWith("DEFAULT_")) {
        String value = (String) field.get(null);
        if (value.startsWith(prefix) && !value.endsWith(".")) {
          keys.add(value);
        }
      }
    }
    return keys;
  }
}
