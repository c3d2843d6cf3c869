package io.lakefs.sts.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The class-file major version a class was compiled to (52: Java 8, 61: Java 17), read from the bytes its class
 * loader finds: for the checks that what a Java 8 YARN RM or cluster loads stays Java 8 bytecode.
 */
public final class ClassFileVersion {
  /** The major version of Java 8 class files. */
  public static final int JAVA_8 = 52;

  private ClassFileVersion() {
  }

  public static int major(Class<?> type) throws IOException {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream bytes = type.getResourceAsStream(resource)) {
      if (bytes == null) {
        throw new IOException("no class file " + resource + " beside " + type.getName());
      }
      DataInputStream in = new DataInputStream(bytes);
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException(resource + " is not a class file");
      }
      in.readUnsignedShort(); // minor
      return in.readUnsignedShort();
    }
  }
}
