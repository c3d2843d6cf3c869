package io.lakefs.sts.service.tokens;

import java.io.IOException;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.DelegationKey;
import org.apache.hadoop.security.token.delegation.ZKDelegationTokenSecretManager;

/**
 * Hadoop's ZooKeeper secret manager for the service's scoped tokens (store {@code zookeeper}): every instance
 * shares keys and tokens, on the service's one ZooKeeper client.
 */
final class ZooKeeperScopedSecretManager extends ZKDelegationTokenSecretManager<ScopedTokenIdentifier>
    implements ScopedSecretManager {
  private final TokenChecks checks;

  private ZooKeeperScopedSecretManager(Configuration conf, TokenChecks checks) {
    super(conf);
    this.checks = checks;
  }

  /** Hadoop takes an outside client only through a thread-local set around its constructor. */
  static ZooKeeperScopedSecretManager create(Configuration conf, CuratorFramework curator, TokenChecks checks) {
    ZKDelegationTokenSecretManager.setCurator(curator);
    try {
      return new ZooKeeperScopedSecretManager(conf, checks);
    } finally {
      ZKDelegationTokenSecretManager.setCurator(null);
    }
  }

  @Override
  public ScopedTokenIdentifier createIdentifier() {
    return new ScopedTokenIdentifier(checks.kind());
  }

  @Override
  public ScopedTokenIdentifier decodeTokenIdentifier(Token<ScopedTokenIdentifier> token) throws IOException {
    return checks.decode(token);
  }

  @Override
  public synchronized long renewToken(Token<ScopedTokenIdentifier> token, String renewer) throws IOException {
    checks.checkRenewable(token, this, renewer);
    return super.renewToken(token, renewer);
  }

  @Override
  public synchronized ScopedTokenIdentifier cancelToken(Token<ScopedTokenIdentifier> token, String canceller)
      throws IOException {
    ScopedTokenIdentifier cancelled = super.cancelToken(token, canceller);
    checks.cancelled(cancelled, canceller);
    return cancelled;
  }

  @Override
  public DelegationKey key(int keyId) {
    return getDelegationKey(keyId);
  }

  @Override
  public DelegationTokenInformation record(ScopedTokenIdentifier identifier) {
    return getTokenInfo(identifier);
  }

  @Override
  public Map<ScopedTokenIdentifier, DelegationTokenInformation> records() {
    return currentTokens;
  }
}
