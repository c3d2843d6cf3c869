package io.lakefs.sts.hadoop.s3a.hadoop33;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.testsupport.ClassFileVersion;
import org.junit.Test;

/** Hadoop 3.3 clusters run Java 8 on drivers and executors: what they load from this jar is Java 8 bytecode. */
public class Java8BytecodeTest {
  @Test
  public void theBindingAndItsProviderAreJava8Bytecode() throws Exception {
    // What they share with the SDK v2 binding is checked in hadoop-tokens, with the rest of the Java 8 jar.
    for (Class<?> type : new Class<?>[] {LakeFSDelegationTokenBinding.class, LakeFSCredentialsProvider.class}) {
      assertEquals(type.getName(), ClassFileVersion.JAVA_8, ClassFileVersion.major(type));
    }
  }
}
