package io.lakefs.sts.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Clients load this module into jobs on Java 8: every class it ships must be Java 8 bytecode (major 52). */
public class ProtocolBytecodeTest {
  private static final int JAVA_8_MAJOR = 52;

  @Test
  public void everyClassIsJava8Bytecode() throws IOException, URISyntaxException {
    File classes = new File(Secret.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<File> found = new ArrayList<>();
    collect(classes, found);
    assertTrue("found only " + found, found.size() >= 7);
    for (File file : found) {
      try (DataInputStream in = new DataInputStream(new FileInputStream(file))) {
        assertEquals("magic of " + file, 0xCAFEBABE, in.readInt());
        in.readUnsignedShort();
        assertEquals("class file version of " + file, JAVA_8_MAJOR, in.readUnsignedShort());
      }
    }
  }

  private static void collect(File file, List<File> found) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        collect(child, found);
      }
    } else if (file.getName().endsWith(".class")) {
      found.add(file);
    }
  }
}
