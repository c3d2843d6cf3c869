package io.lakefs.sts.service.tokens;

import java.util.Map;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenSecretManager.DelegationTokenInformation;
import org.apache.hadoop.security.token.delegation.DelegationKey;

/**
 * What {@link TokenChecks} needs from Hadoop's secret managers beyond their public API: their keys and their
 * token records (both protected there). Implemented by the memory and the ZooKeeper
 * secret manager. Both are Hadoop's concurrent maps, read without the manager's lock as Hadoop's own
 * {@code verifyToken} reads them; renewals and cancellations change them under it.
 */
interface ScopedSecretManager {
  /** The master key with this id, or null when it rolled away or was never this store's. */
  DelegationKey key(int keyId);

  /** The stored record of this token, or null when it was cancelled, purged or never stored here. */
  DelegationTokenInformation record(ScopedTokenIdentifier identifier);

  /** Every token record this store knows (with ZooKeeper, every instance's, as its watch delivers them). */
  Map<ScopedTokenIdentifier, DelegationTokenInformation> records();
}
