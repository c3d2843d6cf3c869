package io.lakefs.sts.service.lakefs;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LakeFSClient} that remembers, for {@link LakeFSSettings#cacheTtl()}, who some credentials
 * belong to and which repositories a user was allowed to read, so that a job asking again and again costs
 * lakeFS about one call of each kind per time to live. Callers missing one entry at the same moment share one
 * lakeFS call (single flight), and each gets its answer or its refusal.
 *
 * <ul>
 *   <li>Authentications are remembered under the access key id and an HMAC-SHA-256 of the secret, keyed
 *       with a random key of this instance: a wrong secret never matches a remembered success, and a heap
 *       dump holds no secret nor anything to test guesses against offline.
 *   <li>Repositories are remembered per (user, repository), and only after the caller authenticated; so
 *       are granted permissions (write, garbage collection) per (user, repository, permission).
 *       Denials and missing repositories are not remembered, so a new grant or repository works at once.
 *   <li>lakeFS rejecting credentials is remembered for at most {@link #REJECTION_TTL}, to absorb the retry
 *       storm of a cluster configured with a wrong secret. It is no defence against guessing secrets (each
 *       guess is a new key here); that belongs in front of the service.
 *   <li>lakeFS being unavailable is never remembered.
 * </ul>
 * At most {@link #MAX_ENTRIES} entries of each kind; the oldest go first.
 */
public final class CachingLakeFSClient implements LakeFSDirectory, AutoCloseable {
  static final int MAX_ENTRIES = 10_000;
  static final Duration REJECTION_TTL = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(CachingLakeFSClient.class);
  private static final String DIGEST = "HmacSHA256";

  /** Which credentials: never the secret itself. */
  private record CredentialsKey(String accessKeyId, String secretDigest) {
  }

  private record UserRepository(String userId, String repositoryId) {
  }

  private record UserPermission(String userId, String repositoryId, RepositoryPermission permission) {
  }

  private final LakeFSClient lakeFS;
  private final ExpiringCache<CredentialsKey, LakeFSUser> users;
  private final ExpiringCache<CredentialsKey, String> rejections;
  private final ExpiringCache<UserRepository, LakeFSRepository> repositories;
  private final ExpiringCache<UserPermission, Boolean> permissions;
  /** Per thread: making a {@code Mac} looks up its provider each time, and this is on every request's path. */
  private final ThreadLocal<Mac> digests;

  public CachingLakeFSClient(LakeFSSettings settings) {
    this(new LakeFSClient(settings), MAX_ENTRIES, System::nanoTime);
  }

  /** For tests: a client of their own making, room for fewer entries, and a clock they move. */
  CachingLakeFSClient(LakeFSClient lakeFS, int maxEntries, LongSupplier nanoTicker) {
    this.lakeFS = Objects.requireNonNull(lakeFS, "lakeFS");
    Duration ttl = lakeFS.settings().cacheTtl();
    Duration rejectionTtl = ttl.compareTo(REJECTION_TTL) < 0 ? ttl : REJECTION_TTL;
    this.users = new ExpiringCache<>(ttl, maxEntries, nanoTicker);
    this.rejections = new ExpiringCache<>(rejectionTtl, maxEntries, nanoTicker);
    this.repositories = new ExpiringCache<>(ttl, maxEntries, nanoTicker);
    this.permissions = new ExpiringCache<>(ttl, maxEntries, nanoTicker);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    SecretKeySpec digestKey = new SecretKeySpec(key, DIGEST);
    this.digests = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance(DIGEST);
        mac.init(digestKey);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("every Java platform provides " + DIGEST, e);
      }
    });
  }

  @Override
  public LakeFSUser currentUser(LakeFSCredentials credentials) throws LakeFSAuthenticationException,
      LakeFSUnavailableException {
    CredentialsKey key = key(credentials);
    try {
      return users.get(key, () -> askCurrentUser(key, credentials));
    } catch (LakeFSAuthenticationException | LakeFSUnavailableException e) {
      throw e;
    } catch (LakeFSException e) {
      throw LakeFSException.unexpected(e);
    }
  }

  @Override
  public LakeFSRepository repository(LakeFSCredentials credentials, String repositoryId)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
      LakeFSUnavailableException {
    InvalidRepositoryIdException.requireValid(repositoryId);
    LakeFSUser user = currentUser(credentials);
    try {
      return repositories.get(new UserRepository(user.id(), repositoryId),
          () -> forgettingRevoked(credentials, () -> lakeFS.repositoryAs(credentials, user, repositoryId)));
    } catch (LakeFSAuthenticationException | RepositoryAccessDeniedException | RepositoryNotFoundException
        | LakeFSUnavailableException e) {
      throw e;
    } catch (LakeFSException e) {
      throw LakeFSException.unexpected(e);
    }
  }

  /** Remembers a granted permission like a readable repository; a refusal is never remembered. */
  @Override
  public void requirePermission(LakeFSCredentials credentials, LakeFSRepository repository,
      RepositoryPermission permission) throws LakeFSAuthenticationException, RepositoryAccessDeniedException,
      RepositoryNotFoundException, LakeFSUnavailableException {
    LakeFSUser user = currentUser(credentials);
    try {
      permissions.get(new UserPermission(user.id(), repository.id(), permission), () -> forgettingRevoked(
          credentials, () -> {
            lakeFS.requirePermissionAs(credentials, user, repository, permission);
            return Boolean.TRUE;
          }));
    } catch (LakeFSAuthenticationException | RepositoryAccessDeniedException | RepositoryNotFoundException
        | LakeFSUnavailableException e) {
      throw e;
    } catch (LakeFSException e) {
      throw LakeFSException.unexpected(e);
    }
  }

  private LakeFSUser askCurrentUser(CredentialsKey key, LakeFSCredentials credentials)
      throws LakeFSAuthenticationException, LakeFSUnavailableException {
    Optional<String> rejected = rejections.get(key);
    if (rejected.isPresent()) {
      LOG.debug("lakeFS rejected access key id {} moments ago; not asking again yet", credentials.accessKeyId());
      throw new LakeFSAuthenticationException(rejected.get(), credentials.accessKeyId(), null);
    }
    try {
      return lakeFS.currentUser(credentials);
    } catch (LakeFSAuthenticationException e) {
      rejections.put(key, e.getMessage());
      throw e;
    }
  }

  /** Asks lakeFS as a remembered user; credentials revoked since they were remembered are forgotten now. */
  private <V> V forgettingRevoked(LakeFSCredentials credentials, ExpiringCache.Loader<V, LakeFSException> ask)
      throws LakeFSException {
    try {
      return ask.load();
    } catch (LakeFSAuthenticationException e) {
      users.remove(key(credentials));
      throw e;
    }
  }

  @Override
  public void close() {
    lakeFS.close();
  }

  private CredentialsKey key(LakeFSCredentials credentials) {
    return new CredentialsKey(credentials.accessKeyId(),
        Base64.getEncoder().encodeToString(digests.get().doFinal(credentials.secretBytes())));
  }
}
