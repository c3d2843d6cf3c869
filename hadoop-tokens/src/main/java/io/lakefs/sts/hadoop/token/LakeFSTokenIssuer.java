package io.lakefs.sts.hadoop.token;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.LakeFSAccessKey;
import io.lakefs.sts.hadoop.client.LakeFSLoginClient;
import io.lakefs.sts.hadoop.client.LakeFSLoginToken;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.client.ServiceDelegationToken;
import io.lakefs.sts.protocol.CredentialsAnswer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.auth.delegation.EncryptionSecrets;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.DelegationTokenIssuer;
import org.apache.hadoop.security.token.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Issues {@code LAKEFS_STS} tokens on the driver: for the credentials service on its own ({@code
 * lakefs://HOST:PORT} of the first configured endpoint, where executors' S3A finds them; what the Spark
 * integration and {@code hadoop dtutil get lakefs://HOST:PORT} use), and the identifiers the S3A binding files
 * under its bucket ({@code s3a://bucket}). Either way it gets the service's delegation token as the current user
 * (Kerberos and/or lakeFS key), then STS credentials with that token, so the embedded credentials have exactly
 * the token's scope, and wraps both with the lakeFS user, the endpoints and the token's dates. When {@code
 * fs.s3a.ext.lakefs.login.endpoint} is set it also logs in to lakeFS with the user's key and carries the login
 * token, so executors make lakeFS metadata calls without the key; the same refresh that replaces the STS
 * credentials replaces it.
 */
public final class LakeFSTokenIssuer implements DelegationTokenIssuer {
  private static final Logger LOG = LoggerFactory.getLogger(LakeFSTokenIssuer.class);

  private final LakeFSTokenSettings settings;
  private final CredentialsServiceClient client;
  private final LakeFSLoginClient lakeFS;
  private final Clock clock;

  /** Reads the {@code fs.s3a.ext.lakefs.*} keys; the service endpoints must be set. */
  public LakeFSTokenIssuer(Configuration conf) throws IOException {
    this(LakeFSTokenSettings.from(conf));
    settings.client().requireEndpoints();
  }

  /** For the S3A binding, which files the identifiers under its bucket; endpoints are checked on each token. */
  public LakeFSTokenIssuer(LakeFSTokenSettings settings) {
    this(settings, Clock.systemUTC());
  }

  LakeFSTokenIssuer(LakeFSTokenSettings settings, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.client = new CredentialsServiceClient(settings.client());
    this.lakeFS = new LakeFSLoginClient(settings.client(), clock);
  }

  public LakeFSTokenSettings settings() {
    return settings;
  }

  /** {@code lakefs://HOST:PORT} of the first endpoint: the alias and service of the tokens issued. */
  @Override
  public String getCanonicalServiceName() {
    return service().toString();
  }

  /** A new token, renewable by {@code renewer} (empty: the current user), filed under the canonical service. */
  @Override
  public Token<LakeFSTokenIdentifier> getDelegationToken(String renewer) throws IOException {
    Text service = service();
    return token(getDelegationTokenIdentifier(URI.create(service.toString()), renewer, new EncryptionSecrets()),
        service);
  }

  private Text service() {
    return LakeFSTokens.serviceName(settings.client().requireEndpoints().endpoints().get(0));
  }

  /**
   * The identifier of a new token for {@code uri} (the S3A binding's bucket, or the canonical service), renewable
   * by {@code renewer} (a principal or user; empty: the current user, so a user can renew and cancel their own
   * token with dtutil).
   */
  public LakeFSTokenIdentifier getDelegationTokenIdentifier(URI uri, String renewer,
      EncryptionSecrets encryptionSecrets) throws IOException {
    UserGroupInformation user = UserGroupInformation.getCurrentUser();
    String renewerName = renewer == null || renewer.isEmpty() ? user.getShortUserName() : renewer;
    ServiceDelegationToken serviceToken = client.getDelegationToken(ServiceAuth.forCurrentUser(settings.key()),
        renewerName, settings.repositories(), settings.access().orElse(null));
    CredentialsAnswer credentials = client.getCredentials(ServiceAuth.delegationToken(serviceToken.urlString()),
        Collections.<String>emptyList(), null);
    LakeFSTokenIdentifier identifier = LakeFSTokenIdentifier.builder()
        .owner(user.getUserName())
        .realUser(user.getRealUser() == null ? "" : user.getRealUser().getUserName())
        // The service's reading of the renewer (a short name under its name rules) is what it checks on renew.
        .renewer(serviceToken.renewer())
        .uri(uri)
        .origin("lakeFS credentials service " + settings.client().endpoints().get(0))
        .encryptionSecrets(encryptionSecrets)
        .issueDate(serviceToken.issueDate().toEpochMilli())
        .maxDate(serviceToken.maxDate().toEpochMilli())
        .lakeFSUser(credentials.sourceIdentity().isEmpty() ? serviceToken.owner() : credentials.sourceIdentity())
        .serviceEndpoints(settings.client().endpoints())
        .serviceToken(serviceToken.urlString())
        .scope(credentials.scope().stream().map(Object::toString).collect(Collectors.toList()))
        .credentials(EmbeddedStsCredentials.of(credentials))
        .lakeFSLogin(login().orElse(null))
        .build();
    LOG.info("Obtained a lakeFS STS token for {}: {}", uri, identifier);
    return identifier;
  }

  /** A lakeFS login token when one is asked for, lasting longer than the refresh margin so it can be replaced. */
  private Optional<LakeFSLoginToken> login() throws IOException {
    if (!settings.loginEndpoint().isPresent()) {
      return Optional.empty();
    }
    URI endpoint = settings.loginEndpoint().get();
    LakeFSAccessKey key = settings.key().orElseThrow(() -> new IOException(LakeFSTokenKeys.LOGIN_ENDPOINT + " is set ("
        + endpoint + ") but no lakeFS key is: the driver logs in to lakeFS with the user's key; set "
        + LakeFSTokenKeys.ACCESS_KEY + " and " + LakeFSTokenKeys.SECRET_KEY + ", or unset " + LakeFSTokenKeys.LOGIN_ENDPOINT));
    LakeFSLoginToken token = lakeFS.login(endpoint, key);
    Instant replaceBy = clock.instant().plus(settings.refreshMargin());
    if (!token.expiration().isAfter(replaceBy)) {
      throw new IOException("lakeFS at " + endpoint + " issues login tokens that expire at " + token.expiration()
          + ", within " + LakeFSTokenKeys.REFRESH_MARGIN_SECONDS + " (" + settings.refreshMargin().getSeconds()
          + " s), so they could not be replaced in time; raise lakeFS's auth.login_duration or lower "
          + LakeFSTokenKeys.REFRESH_MARGIN_SECONDS);
    }
    return Optional.of(token);
  }

  /**
   * The token for an identifier, filed under {@code service}. Its password is empty: no server checks it, and
   * the identifier itself carries what authenticates (the service token).
   */
  public static Token<LakeFSTokenIdentifier> token(LakeFSTokenIdentifier identifier, Text service) {
    return new Token<>(identifier.getBytes(), new byte[0], LakeFSTokenIdentifier.kind(), service);
  }
}
