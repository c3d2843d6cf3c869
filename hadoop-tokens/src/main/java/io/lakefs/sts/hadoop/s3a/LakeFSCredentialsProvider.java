package io.lakefs.sts.hadoop.s3a;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.CredentialsServiceException;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenSettings;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hadoop.fs.s3a.CredentialInitializationException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.NonBlocking;
import software.amazon.awssdk.utils.cache.RefreshResult;

import static java.util.Objects.requireNonNull;

/**
 * AWS credentials for S3A on executors (and drivers), from lakeFS STS tokens. Starts from the credentials
 * embedded in the token; from {@code prefetch} before they expire, fetches fresh ones from the credentials
 * service with the token's service token in the background (the SDK's {@link CachedSupplier} with
 * {@link NonBlocking} prefetch: one fetch at a time, S3 requests go on with the current credentials), and
 * only from {@code refresh margin} before expiry makes requests wait. Each refresh re-reads the owner's
 * Hadoop credentials, so a newer {@code LAKEFS_STS} token (Spark pushes re-obtained tokens to running
 * executors) is used, its embedded credentials first, without reopening the filesystem. With no token at
 * all, the configured lakeFS key gets credentials (clusters without Kerberos). A refused refresh (token
 * cancelled or expired) fails with the service's message once the current credentials are given up.
 */
public final class LakeFSCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LakeFSCredentialsProvider.class);
  private static final Duration MIN_RETRY = Duration.ofSeconds(1);
  /**
   * How long a token the service refused (401/403: cancelled, expired, not allowed) is refused again without
   * asking, so that once credentials are stale every S3 request does not become a call to the service.
   */
  private static final Duration REFUSAL_MEMORY = Duration.ofSeconds(5);

  private final LakeFSTokenSettings settings;
  private final Supplier<Credentials> ownerCredentials;
  private final Set<Text> aliases;
  private final Optional<LakeFSTokenIdentifier> bound;
  private final Clock clock;
  private final CachedSupplier<AwsCredentials> cache;
  private final AtomicInteger serviceFetches = new AtomicInteger();
  /** The last credentials handed to the cache; written only in {@link #refresh()}, which the cache serializes. */
  private volatile RefreshResult<AwsCredentials> last;
  /** The service's last refusal of a token, remembered for {@link #REFUSAL_MEMORY}; written only in refresh. */
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
   * @param ownerCredentials the filesystem owner's current Hadoop credentials, read at each refresh
   * @param aliases services under which {@code LAKEFS_STS} tokens for this filesystem are filed
   * @param bound the token S3A bound the filesystem to, if any
   */
  public LakeFSCredentialsProvider(LakeFSTokenSettings settings, Supplier<Credentials> ownerCredentials,
      Set<Text> aliases, Optional<LakeFSTokenIdentifier> bound, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.ownerCredentials = requireNonNull(ownerCredentials, "ownerCredentials");
    this.aliases = Set.copyOf(aliases);
    this.bound = requireNonNull(bound, "bound");
    this.clock = requireNonNull(clock, "clock");
    this.cache = CachedSupplier.builder(this::refresh)
        .cachedValueName("lakeFS STS credentials")
        .prefetchStrategy(new NonBlocking("lakefs-sts-credentials-refresh"))
        .build();
  }

  /** The services under which tokens for a filesystem are filed: its own, and each endpoint's lakefs://. */
  public static Set<Text> aliases(Text filesystemService, List<URI> endpoints) {
    Set<Text> aliases = new LinkedHashSet<>();
    aliases.add(filesystemService);
    endpoints.forEach(endpoint -> aliases.add(LakeFSTokens.serviceName(endpoint)));
    return aliases;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return cache.get();
  }

  /** How many times credentials were fetched from the service (not taken from a token). */
  public int serviceFetches() {
    return serviceFetches.get();
  }

  /**
   * Whether credentials can come from anywhere: a token now, or a lakeFS key. Checked when S3A deploys the
   * binding, so a misconfigured job fails at once with what to set rather than at its first S3 request.
   */
  void requireSource() throws IOException {
    if (currentToken().isEmpty() && settings.key().isEmpty()) {
      throw noSource();
    }
  }

  private IOException noSource() {
    return new IOException("no lakeFS STS token for " + aliases + " in the credentials of this user, and no "
          + "lakeFS key configured: obtain a token on the driver (kinit; the Spark integration or hadoop dtutil "
          + "get lakefs://HOST:PORT), or set " + LakeFSTokenKeys.ACCESS_KEY + " and " + LakeFSTokenKeys.SECRET_KEY
          + " (and " + LakeFSTokenKeys.SERVICE_ENDPOINTS + ")");
  }

  private RefreshResult<AwsCredentials> refresh() {
    try {
      last = result(fetch());
      return last;
    } catch (IOException e) {
      // Before the first successful fetch, the token's embedded credentials are the current ones: a filesystem
      // opened late in their life, while the service cannot answer, still has them until their stale time.
      RefreshResult<AwsCredentials> current = last != null ? last
          : currentToken().flatMap(LakeFSTokenIdentifier::getCredentials).map(this::result).orElse(null);
      Instant now = clock.instant();
      if (current != null && now.isBefore(current.staleTime())) {
        // A failed background refresh: keep the current credentials and try again halfway to their stale
        // time (at least a second on), rather than at every S3 request as the cache would.
        Duration half = Duration.between(now, current.staleTime()).dividedBy(2);
        Instant retry = now.plus(half.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : half);
        LOG.warn("Could not refresh lakeFS STS credentials ({}); using the current ones until {}, retrying at {}",
            e.getMessage(), current.staleTime(), retry);
        return current.toBuilder().prefetchTime(retry).build();
      }
      throw new CredentialInitializationException("lakeFS STS credentials could not be refreshed: "
          + e.getMessage(), e);
    }
  }

  private RefreshResult<AwsCredentials> result(EmbeddedStsCredentials fresh) {
    Instant expiry = Instant.ofEpochMilli(fresh.expirationEpochMillis());
    return RefreshResult.builder((AwsCredentials) AwsSessionCredentials.builder()
            .accessKeyId(fresh.accessKeyId())
            .secretAccessKey(fresh.secretAccessKey().reveal())
            .sessionToken(fresh.sessionToken().reveal())
            .expirationTime(expiry)
            .providerName("LakeFSCredentialsProvider")
            .build())
        .staleTime(expiry.minus(settings.refreshMargin()))
        .prefetchTime(expiry.minus(settings.prefetch()))
        .build();
  }

  private EmbeddedStsCredentials fetch() throws IOException {
    Optional<LakeFSTokenIdentifier> token = currentToken();
    if (token.isPresent()) {
      LakeFSTokenIdentifier identifier = token.get();
      Optional<EmbeddedStsCredentials> embedded = identifier.getCredentials().filter(c ->
          Instant.ofEpochMilli(c.expirationEpochMillis()).minus(settings.prefetch()).isAfter(clock.instant()));
      if (embedded.isPresent()) {
        LOG.debug("Using the STS credentials embedded in the lakeFS token of {}: {}", identifier.getLakeFSUser(),
            embedded.get());
        return embedded.get();
      }
      Refusal refused = refusal;
      if (refused != null && refused.serviceToken.equals(identifier.getServiceToken())
          && clock.instant().isBefore(refused.until)) {
        throw new IOException(refused.failure.getMessage(), refused.failure);
      }
      CredentialsServiceClient client = new CredentialsServiceClient(
          settings.client().withEndpoints(identifier.getServiceEndpoints()));
      CredentialsAnswer issued;
      try {
        issued = client.getCredentials(ServiceAuth.delegationToken(identifier.getServiceToken()), List.of(), null);
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
    if (settings.key().isPresent()) {
      CredentialsAnswer issued = new CredentialsServiceClient(settings.client()).getCredentials(
          ServiceAuth.lakeFSKey(settings.key().get()), settings.repositories(), settings.access().orElse(null));
      serviceFetches.incrementAndGet();
      LOG.info("Obtained lakeFS STS credentials with {}: {}", settings.key().get(), issued);
      return EmbeddedStsCredentials.of(issued);
    }
    throw noSource();
  }

  /** The newest token: the bound one, or a newer one that arrived in the owner's credentials since. */
  private Optional<LakeFSTokenIdentifier> currentToken() {
    Optional<LakeFSTokenIdentifier> arrived = LakeFSTokens.newest(ownerCredentials.get(), aliases)
        .flatMap(LakeFSTokens::decode);
    if (arrived.isEmpty()) {
      return bound;
    }
    if (bound.isPresent() && bound.get().getIssueDate() > arrived.get().getIssueDate()) {
      return bound;
    }
    return arrived;
  }

  @Override
  public void close() {
    cache.close();
  }

  @Override
  public String toString() {
    return "LakeFSCredentialsProvider{aliases=" + aliases + ", bound=" + bound.map(LakeFSTokenIdentifier::getLakeFSUser)
        .orElse("none") + ", key=" + settings.key().map(Object::toString).orElse("none") + "}";
  }
}
