package io.lakefs.sts.hadoop.refresh;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.token.LakeFSTokenSettings;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.CredentialsServiceException;
import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Where fresh STS credentials come from, whatever AWS SDK S3A runs on: the newest {@code LAKEFS_STS} token
 * (the bound one, or a newer one pushed into the owner's credentials since), its embedded credentials while
 * they are not due for refresh, else the credentials service asked with the token's service token; with no
 * token, the configured lakeFS key. A token the service refused (401/403) is refused again for a few seconds
 * without asking, so stale credentials do not turn every S3 request into a call to the service.
 */
public final class StsCredentialsFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(StsCredentialsFetcher.class);
  /** How long a refused token is refused again without asking. */
  static final Duration REFUSAL_MEMORY = Duration.ofSeconds(5);

  private final LakeFSTokenSettings settings;
  private final Supplier<Credentials> ownerCredentials;
  private final Set<Text> aliases;
  private final Optional<LakeFSTokenIdentifier> bound;
  private final Clock clock;
  private final AtomicInteger serviceFetches = new AtomicInteger();
  /** The service's last refusal; written only in {@link #fetch()}, which {@link RefreshingCredentials} serializes. */
  private volatile Refusal refusal;

  /** A token the service refused, what it said, and until when to refuse it again without asking. */
  private static final class Refusal {
    final Secret serviceToken;
    final CredentialsServiceException failure;
    final Instant until;

    Refusal(Secret serviceToken, CredentialsServiceException failure, Instant until) {
      this.serviceToken = serviceToken;
      this.failure = failure;
      this.until = until;
    }
  }

  /**
   * @param settings what to ask the service and when to refresh; its endpoints may be empty when the
   *     credentials come from a token (the token names its endpoints)
   * @param ownerCredentials the filesystem owner's current Hadoop credentials, read at each fetch
   * @param aliases services under which {@code LAKEFS_STS} tokens for this filesystem are filed
   * @param bound the token S3A bound the filesystem to, if any
   */
  public StsCredentialsFetcher(LakeFSTokenSettings settings, Supplier<Credentials> ownerCredentials,
      Set<Text> aliases, Optional<LakeFSTokenIdentifier> bound, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.ownerCredentials = requireNonNull(ownerCredentials, "ownerCredentials");
    this.aliases = Collections.unmodifiableSet(new LinkedHashSet<>(aliases));
    this.bound = requireNonNull(bound, "bound");
    this.clock = requireNonNull(clock, "clock");
  }

  public LakeFSTokenSettings settings() {
    return settings;
  }

  /** How many times credentials were fetched from the service (not taken from a token). */
  public int serviceFetches() {
    return serviceFetches.get();
  }

  /**
   * Fails, saying what to set, when credentials can come from nowhere: no token now and no lakeFS key. Called
   * when S3A deploys the binding, so a misconfigured job fails at once rather than at its first S3 request.
   */
  public void requireSource() throws IOException {
    if (!currentToken().isPresent() && !settings.key().isPresent()) {
      throw noSource();
    }
  }

  /** The credentials embedded in the current token, whatever their age. */
  public Optional<EmbeddedStsCredentials> tokenCredentials() {
    return currentToken().flatMap(LakeFSTokenIdentifier::getCredentials);
  }

  /** Fresh credentials: the current token's embedded ones while not due for refresh, else the service's. */
  public EmbeddedStsCredentials fetch() throws IOException {
    Optional<LakeFSTokenIdentifier> token = currentToken();
    if (token.isPresent()) {
      return fetchWith(token.get());
    }
    if (settings.key().isPresent()) {
      CredentialsAnswer issued = new CredentialsServiceClient(settings.client()).getCredentials(
          ServiceAuth.lakeFSKey(settings.key().get()), settings.repositories(), settings.access().orElse(null));
      serviceFetches.incrementAndGet();
      LOG.info("Obtained lakeFS STS credentials with {}: {}", settings.key().get(), issued);
      return EmbeddedStsCredentials.of(issued);
    }
    throw noSource();
  }

  private EmbeddedStsCredentials fetchWith(LakeFSTokenIdentifier identifier) throws IOException {
    Instant now = clock.instant();
    Optional<EmbeddedStsCredentials> embedded = identifier.getCredentials().filter(c ->
        Instant.ofEpochMilli(c.expirationEpochMillis()).minus(settings.prefetch()).isAfter(now));
    if (embedded.isPresent()) {
      LOG.debug("Using the STS credentials embedded in the lakeFS token of {}: {}", identifier.getLakeFSUser(),
          embedded.get());
      return embedded.get();
    }
    Refusal refused = refusal;
    if (refused != null && refused.serviceToken.equals(identifier.getServiceToken()) && now.isBefore(refused.until)) {
      throw new IOException(refused.failure.getMessage(), refused.failure);
    }
    CredentialsServiceClient client = new CredentialsServiceClient(
        settings.client().withEndpoints(identifier.getServiceEndpoints()));
    CredentialsAnswer issued;
    try {
      issued = client.getCredentials(ServiceAuth.delegationToken(identifier.getServiceToken()),
          Collections.<String>emptyList(), null);
    } catch (CredentialsServiceException e) {
      if (e.status() == 401 || e.status() == 403) {
        refusal = new Refusal(identifier.getServiceToken(), e, clock.instant().plus(REFUSAL_MEMORY));
      }
      throw e;
    }
    serviceFetches.incrementAndGet();
    LOG.info("Refreshed lakeFS STS credentials for {} with its token: {}", identifier.getLakeFSUser(), issued);
    return EmbeddedStsCredentials.of(issued);
  }

  /** The newest token: the bound one, or a newer one that arrived in the owner's credentials since. */
  private Optional<LakeFSTokenIdentifier> currentToken() {
    Optional<LakeFSTokenIdentifier> arrived = LakeFSTokens.newest(ownerCredentials.get(), aliases)
        .flatMap(LakeFSTokens::decode);
    if (!arrived.isPresent()) {
      return bound;
    }
    if (bound.isPresent() && bound.get().getIssueDate() > arrived.get().getIssueDate()) {
      return bound;
    }
    return arrived;
  }

  private IOException noSource() {
    return new IOException("no lakeFS STS token for " + aliases + " in the credentials of this user, and no "
        + "lakeFS key configured: obtain a token on the driver (kinit; the Spark integration or hadoop dtutil "
        + "get lakefs://HOST:PORT), or set " + LakeFSTokenKeys.ACCESS_KEY + " and " + LakeFSTokenKeys.SECRET_KEY
        + " (and " + LakeFSTokenKeys.SERVICE_ENDPOINTS + ")");
  }

  @Override
  public String toString() {
    return "aliases=" + aliases + ", bound=" + bound.map(LakeFSTokenIdentifier::getLakeFSUser).orElse("none")
        + ", key=" + settings.key().map(Object::toString).orElse("none");
  }
}
