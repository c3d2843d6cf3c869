package io.lakefs.sts.service.tokens;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenSecretManager;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenSecretManager.DelegationTokenInformation;
import org.apache.hadoop.security.token.delegation.DelegationKey;

/** Hadoop's in-memory secret manager for the service's scoped tokens (store {@code memory}: one instance). */
final class MemoryScopedSecretManager extends AbstractDelegationTokenSecretManager<ScopedTokenIdentifier>
    implements ScopedSecretManager {
  private final TokenChecks checks;

  MemoryScopedSecretManager(TokenStoreSettings settings, TokenChecks checks) {
    super(settings.keyUpdateInterval().toMillis(), settings.maxLifetime().toMillis(),
        settings.renewInterval().toMillis(), settings.removalScanInterval().toMillis());
    this.checks = checks;
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
