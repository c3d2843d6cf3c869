package io.lakefs.sts.hadoop.token;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.hadoop.binding.LakeFSTokenBinding;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.testsupport.ClassFileVersion;
import org.junit.Test;

/**
 * What a YARN RM loads to renew and cancel a token (the identifier, the renewer and what they call), and what
 * `hadoop dtutil` and drivers of Java 8 clusters load besides, is Java 8 bytecode: Hadoop 3.3 clusters still run
 * Java 8.
 */
public class Java8BytecodeTest {
  @Test
  public void whatTheRmAndJava8ClustersLoadIsJava8Bytecode() throws Exception {
    for (Class<?> type : new Class<?>[] {LakeFSTokenIdentifier.class, LakeFSTokenRenewer.class,
        LakeFSDtFetcher.class, LakeFSTokenIssuer.class, LakeFSTokens.class, CredentialsServiceClient.class,
        Secret.class, RefreshingCredentials.class, LakeFSTokenBinding.class}) {
      assertEquals(type.getName(), ClassFileVersion.JAVA_8, ClassFileVersion.major(type));
    }
  }
}
