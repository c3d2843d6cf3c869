package io.lakefs.sts.service.tokens;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.security.authentication.server.AuthenticationFilter;
import org.apache.hadoop.security.authentication.util.ZKSignerSecretProvider;
import org.apache.hadoop.security.token.delegation.ZKDelegationTokenSecretManager;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenManager;

/**
 * How long the service's delegation tokens live and where their secrets are kept: in this instance's memory
 * (no {@code zooKeeper}), or in ZooKeeper, shared by every instance.
 *
 * @param maxLifetime how long a token may live however often it is renewed
 * @param renewInterval how long a token lives after it is issued or renewed
 */
public record TokenStoreSettings(Duration maxLifetime, Duration renewInterval, Optional<ZooKeeperSettings> zooKeeper) {

  public TokenStoreSettings {
    Objects.requireNonNull(zooKeeper, "zooKeeper");
    if (maxLifetime.toSeconds() <= 0 || renewInterval.toSeconds() <= 0) {
      throw new IllegalArgumentException("token lifetimes must be at least one second");
    }
    if (renewInterval.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException("the renew interval (" + renewInterval.toSeconds()
          + " s) is longer than the maximum lifetime (" + maxLifetime.toSeconds() + " s)");
    }
  }

  /**
   * hadoop-auth filter parameters that select and configure Hadoop's secret managers, as Hadoop KMS and HttpFS
   * do for HA: the ZooKeeper signer secret provider, so the hadoop-auth cookie verifies on every instance, and
   * DelegationTokenManager's ZooKeeper secret manager for the tokens. None of these is a secret (hadoop-auth
   * logs its parameters); ZooKeeper TLS, whose keystore passwords would be, is not offered.
   */
  public Map<String, String> hadoopAuthParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(DelegationTokenManager.MAX_LIFETIME, Long.toString(maxLifetime.toSeconds()));
    parameters.put(DelegationTokenManager.RENEW_INTERVAL, Long.toString(renewInterval.toSeconds()));
    zooKeeper.ifPresent(zk -> {
      parameters.put(AuthenticationFilter.SIGNER_SECRET_PROVIDER, "zookeeper");
      parameters.put(ZKSignerSecretProvider.ZOOKEEPER_CONNECTION_STRING, zk.connect());
      parameters.put(ZKSignerSecretProvider.ZOOKEEPER_PATH, zk.signerSecretPath());
      parameters.put(ZKSignerSecretProvider.ZOOKEEPER_AUTH_TYPE, zk.auth().hadoopName());
      // The ZooKeeper client is the service's (SharedZooKeeperClient); it closes it after the filter is gone.
      parameters.put(ZKSignerSecretProvider.DISCONNECT_FROM_ZOOKEEPER_ON_SHUTDOWN, "false");

      parameters.put(DelegationTokenManager.ENABLE_ZK_KEY, "true");
      parameters.put(ZKDelegationTokenSecretManager.ZK_DTSM_ZK_CONNECTION_STRING, zk.connect());
      parameters.put(ZKDelegationTokenSecretManager.ZK_DTSM_ZNODE_WORKING_PATH, zk.tokenWorkingPath());
      parameters.put(ZKDelegationTokenSecretManager.ZK_DTSM_ZK_AUTH_TYPE, zk.auth().hadoopName());
      parameters.put(ZKDelegationTokenSecretManager.ZK_DTSM_ZK_CONNECTION_TIMEOUT,
          Long.toString(zk.connectionTimeout().toMillis()));
      parameters.put(ZKDelegationTokenSecretManager.ZK_DTSM_ZK_SESSION_TIMEOUT,
          Long.toString(zk.sessionTimeout().toMillis()));
      zk.kerberos().ifPresent(login -> {
        parameters.put(ZKSignerSecretProvider.ZOOKEEPER_KERBEROS_PRINCIPAL, login.principal());
        parameters.put(ZKSignerSecretProvider.ZOOKEEPER_KERBEROS_KEYTAB, login.keytab());
        parameters.put(ZKDelegationTokenSecretManager.ZK_DTSM_ZK_KERBEROS_PRINCIPAL, login.principal());
        parameters.put(ZKDelegationTokenSecretManager.ZK_DTSM_ZK_KERBEROS_KEYTAB, login.keytab());
      });
    });
    return parameters;
  }
}
