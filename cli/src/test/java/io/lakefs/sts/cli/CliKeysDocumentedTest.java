package io.lakefs.sts.cli;

import static org.junit.Assert.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Every variable and file lakefs-sts reads is in the README's table. */
public class CliKeysDocumentedTest {
  @Test
  public void everyVariableIsInTheReadmeTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> missing = new ArrayList<>();
    for (Field field : CliKeys.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && !readme.contains("| `" + field.get(null) + "` |")) {
        missing.add((String) field.get(null));
      }
    }
    assertTrue("variables missing from cli/README.md: " + missing, missing.isEmpty());
  }
}
