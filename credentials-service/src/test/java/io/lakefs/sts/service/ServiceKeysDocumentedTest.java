package io.lakefs.sts.service;

import static org.junit.Assert.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Every configuration key the service reads is in the README's configuration table. */
public class ServiceKeysDocumentedTest {
  @Test
  public void everyKeyIsInTheReadmeTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> missing = new ArrayList<>();
    for (Field field : ServiceKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && !field.getName().startsWith("DEFAULT_")) {
        String key = (String) field.get(null);
        // Per-repository keys are documented with a placeholder: lakefs.sts.repository.<repo>.extra-locations.
        String documented = key.endsWith(".") ? key : "`" + key + "`";
        if (key.startsWith("lakefs.sts.") && !readme.contains(documented)) {
          missing.add(key);
        }
      }
    }
    assertTrue("configuration keys missing from credentials-service/README.md: " + missing, missing.isEmpty());
  }
}
