package io.lakefs.sts.service.tokens;

import io.lakefs.sts.service.ServiceKeys;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.RetryNTimes;
import org.apache.hadoop.security.authentication.util.ZKSignerSecretProvider;
import org.apache.hadoop.security.authentication.util.ZookeeperClient;

/**
 * This instance's one ZooKeeper client, shared by hadoop-auth's ZooKeeper signer secret provider and Hadoop's
 * ZooKeeper delegation-token secret manager the way hadoop-auth's filters share it: through the servlet context
 * attribute {@link #CONTEXT_ATTRIBUTE}. It is made here, before Jetty starts, so that an unreachable ensemble
 * stops start-up within the configured timeout with a message naming the key, rather than after Curator's
 * retries inside the filter, and so that its timeouts are the configured ones rather than Curator's defaults.
 */
public final class SharedZooKeeperClient implements AutoCloseable {
  /** Where hadoop-auth's filter looks for a ready Curator client before making its own. */
  public static final String CONTEXT_ATTRIBUTE =
      ZKSignerSecretProvider.ZOOKEEPER_SIGNER_SECRET_PROVIDER_CURATOR_CLIENT_ATTRIBUTE;
  /** JAAS entry the SASL login is registered under (hadoop-auth installs it process-wide). */
  private static final String JAAS_LOGIN_ENTRY_NAME = "LakeFSStsZooKeeperClient";
  private static final int RETRIES = 3;

  private final CuratorFramework curator;

  private SharedZooKeeperClient(CuratorFramework curator) {
    this.curator = curator;
  }

  /** Connects, waiting at most the connection timeout. */
  public static SharedZooKeeperClient connect(ZooKeeperSettings settings) throws ZooKeeperUnavailableException {
    int sessionMillis = Math.toIntExact(settings.sessionTimeout().toMillis());
    int connectionMillis = Math.toIntExact(settings.connectionTimeout().toMillis());
    ZookeeperClient client = ZookeeperClient.configure()
        .withConnectionString(settings.connect())
        .withAuthType(settings.auth().hadoopName())
        .withJaasLoginEntryName(JAAS_LOGIN_ENTRY_NAME)
        // As ZKDelegationTokenSecretManager retries when it makes its own client.
        .withRetryPolicy(new RetryNTimes(RETRIES, sessionMillis / RETRIES))
        .withSessionTimeout(sessionMillis)
        .withConnectionTimeout(connectionMillis);
    settings.kerberos().ifPresent(login -> client.withPrincipal(login.principal()).withKeytab(login.keytab()));
    CuratorFramework curator = client.create();
    try {
      curator.start();
      if (!curator.blockUntilConnected(connectionMillis, TimeUnit.MILLISECONDS)) {
        throw new ZooKeeperUnavailableException(unreachable(settings, "no answer within " + connectionMillis
            + " ms"), null);
      }
      return new SharedZooKeeperClient(curator);
    } catch (InterruptedException e) {
      curator.close();
      Thread.currentThread().interrupt();
      throw new ZooKeeperUnavailableException(unreachable(settings, "interrupted while connecting"), e);
    } catch (ZooKeeperUnavailableException | RuntimeException e) {
      curator.close();
      throw e;
    }
  }

  private static String unreachable(ZooKeeperSettings settings, String why) {
    return "cannot reach ZooKeeper at " + settings.connect() + " (" + why + "); check "
        + ServiceKeys.ZOOKEEPER_CONNECT + " and that the ensemble is up, or raise "
        + ServiceKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MILLIS + "; " + ServiceKeys.TOKEN_STORE
        + "=zookeeper needs it to share delegation tokens between instances";
  }

  public CuratorFramework curator() {
    return curator;
  }

  @Override
  public void close() {
    curator.close();
  }
}
