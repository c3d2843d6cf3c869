package io.lakefs.sts.spark;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.spark.plugin.LakeFSTokenPlugin;
import io.lakefs.sts.testsupport.ClassFileVersion;
import org.junit.Test;

/** Spark 3.5 clusters still run Java 8: the one Spark glue jar, loaded by Spark 3.5 and 4.x alike, is Java 8 bytecode. */
public class Java8BytecodeTest {
  @Test
  public void thePluginAndTheProviderAreJava8Bytecode() throws Exception {
    for (Class<?> type : new Class<?>[] {LakeFSTokenPlugin.class, LakeFSDelegationTokenProvider.class,
        DriverSettings.class, LakeFSTokenSource.class}) {
      assertEquals(type.getName(), ClassFileVersion.JAVA_8, ClassFileVersion.major(type));
    }
  }
}
