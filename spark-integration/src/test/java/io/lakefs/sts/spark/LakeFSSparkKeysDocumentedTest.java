package io.lakefs.sts.spark;

import static org.junit.Assert.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Every Spark configuration key of the module is in the README's configuration table. */
public class LakeFSSparkKeysDocumentedTest {
  @Test
  public void everyKeyIsInTheReadmeTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> missing = new ArrayList<>();
    for (Field field : LakeFSSparkKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && !field.getName().startsWith("DEFAULT_")) {
        String value = (String) field.get(null);
        // Keys, not prefixes or values (class names); the key users must not set is documented as refused.
        if (value.startsWith("spark.") && !value.endsWith(".") && !readme.contains("`" + value + "`")) {
          missing.add(value);
        }
      }
    }
    assertTrue("configuration keys missing from spark-integration/README.md: " + missing, missing.isEmpty());
  }
}
