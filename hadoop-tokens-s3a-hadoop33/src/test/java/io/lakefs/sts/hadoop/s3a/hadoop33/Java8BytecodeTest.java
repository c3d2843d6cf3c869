package io.lakefs.sts.hadoop.s3a.hadoop33;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.hadoop.binding.LakeFSTokenBinding;
import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import io.lakefs.sts.hadoop.refresh.StsCredentialsFetcher;
import io.lakefs.sts.testsupport.ClassFileVersion;
import org.junit.Test;

/** Hadoop 3.3 clusters run Java 8 on drivers and executors: what they load from this jar is Java 8 bytecode. */
public class Java8BytecodeTest {
  @Test
  public void theBindingItsProviderAndTheirRefreshAreJava8Bytecode() throws Exception {
    for (Class<?> type : new Class<?>[] {LakeFSDelegationTokenBinding.class, LakeFSCredentialsProvider.class,
        LakeFSTokenBinding.class, RefreshingCredentials.class, StsCredentialsFetcher.class}) {
      assertEquals(type.getName(), ClassFileVersion.JAVA_8, ClassFileVersion.major(type));
    }
  }
}
