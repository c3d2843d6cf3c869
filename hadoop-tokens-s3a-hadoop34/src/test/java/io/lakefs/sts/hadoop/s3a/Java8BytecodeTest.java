package io.lakefs.sts.hadoop.s3a;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.testsupport.ClassFileVersion;
import org.junit.Test;

/**
 * Every jar a cluster adds is Java 8 bytecode, so one build serves Java 8 and later drivers and executors alike:
 * what they load from this jar is checked here.
 */
public class Java8BytecodeTest {
  @Test
  public void theBindingAndItsProviderAreJava8Bytecode() throws Exception {
    // What they share with the SDK v1 binding is checked in hadoop-tokens, with the rest of the Java 8 jar.
    for (Class<?> type : new Class<?>[] {LakeFSDelegationTokenBinding.class, LakeFSCredentialsProvider.class}) {
      assertEquals(type.getName(), ClassFileVersion.JAVA_8, ClassFileVersion.major(type));
    }
  }
}
