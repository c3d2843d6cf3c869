package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.protocol.DelegationTokenOperation;
import io.lakefs.sts.protocol.ServiceApi;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticator;
import org.apache.hadoop.security.token.delegation.web.KerberosDelegationTokenAuthenticator;
import org.junit.Test;

/**
 * The protocol module names the parts of Hadoop's delegation-token protocol the service speaks without
 * depending on Hadoop; they must be Hadoop's, which the service's handler reads.
 */
public class ProtocolMatchesHadoopTest {
  @Test
  public void parametersAndHeaderAreHadoops() {
    assertEquals(DelegationTokenAuthenticator.DELEGATION_TOKEN_HEADER, ServiceApi.DELEGATION_TOKEN_HEADER);
    assertEquals(KerberosDelegationTokenAuthenticator.OP_PARAM, ServiceApi.OP_PARAMETER);
    assertEquals(KerberosDelegationTokenAuthenticator.RENEWER_PARAM, ServiceApi.RENEWER_PARAMETER);
    assertEquals(KerberosDelegationTokenAuthenticator.SERVICE_PARAM, ServiceApi.SERVICE_PARAMETER);
    assertEquals(KerberosDelegationTokenAuthenticator.TOKEN_PARAM, ServiceApi.TOKEN_PARAMETER);
  }

  @Test
  public void operationsAreHadoopsWithTheirMethods() {
    for (DelegationTokenOperation operation : DelegationTokenOperation.values()) {
      DelegationTokenAuthenticator.DelegationTokenOperation hadoop =
          DelegationTokenAuthenticator.DelegationTokenOperation.valueOf(operation.wireName());
      assertEquals(operation.name(), hadoop.getHttpMethod(), operation.httpMethod());
    }
    assertEquals(3, DelegationTokenOperation.values().length);
  }
}
