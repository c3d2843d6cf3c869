package io.lakefs.sts.hadoop;

import static org.junit.Assert.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Every configuration key of the module is in the README's configuration table. */
public class LakeFSTokenKeysDocumentedTest {
  @Test
  public void everyKeyIsInTheReadmeTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> missing = new ArrayList<>();
    for (Field field : LakeFSTokenKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && !field.getName().equals("PREFIX") && !readme.contains("| `" + field.get(null) + "` |")) {
        missing.add((String) field.get(null));
      }
    }
    assertTrue("configuration keys missing from hadoop-tokens/README.md: " + missing, missing.isEmpty());
  }
}
