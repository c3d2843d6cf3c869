package io.lakefs.sts.hadoop.binding;

import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.hadoop.token.LakeFSTokenSettings;
import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import io.lakefs.sts.hadoop.refresh.StsCredentialsFetcher;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.s3a.AWSCredentialProviderList;
import org.apache.hadoop.fs.s3a.auth.RoleModel;
import org.apache.hadoop.fs.s3a.auth.delegation.AbstractDelegationTokenBinding;
import org.apache.hadoop.fs.s3a.auth.delegation.AbstractS3ATokenIdentifier;
import org.apache.hadoop.fs.s3a.auth.delegation.EncryptionSecrets;
import org.apache.hadoop.io.Text;

/**
 * S3A's delegation-token binding for lakeFS, on every Hadoop line: on the driver it creates a
 * {@code LAKEFS_STS} token for the bucket ({@code s3a://bucket}); on executors S3A binds it to the token it
 * finds there; unbonded, credentials come from a {@code LAKEFS_STS} token of the configured service
 * ({@code lakefs://HOST:PORT}) or, with none, from the configured lakeFS key. Each line's subclass only wraps
 * the {@link RefreshingCredentials} in a provider of its AWS SDK: S3A's {@link AWSCredentialProviderList} holds
 * SDK v1 providers on Hadoop 3.3 and SDK v2 ones from 3.4.
 */
public abstract class LakeFSTokenBinding extends AbstractDelegationTokenBinding {
  protected LakeFSTokenBinding(String name) {
    super(name, LakeFSTokenIdentifier.kind());
  }

  /** S3A's provider list holding one provider of this line's SDK over {@code credentials}. */
  protected abstract AWSCredentialProviderList providers(RefreshingCredentials credentials);

  @Override
  public AbstractS3ATokenIdentifier createTokenIdentifier(Optional<RoleModel.Policy> policy,
      EncryptionSecrets encryptionSecrets, Text renewer) throws IOException {
    // The service decides the scope (the user's repositories in lakeFS), so S3A's policy hint is not used.
    LakeFSTokenIssuer issuer = new LakeFSTokenIssuer(settings());
    URI uri = getCanonicalUri();
    try {
      return getOwner().doAs((PrivilegedExceptionAction<LakeFSTokenIdentifier>) () ->
          issuer.getDelegationTokenIdentifier(uri, renewer == null ? "" : renewer.toString(), encryptionSecrets));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while obtaining a lakeFS STS token for " + uri);
    }
  }

  @Override
  public AWSCredentialProviderList bindToTokenIdentifier(AbstractS3ATokenIdentifier retrievedIdentifier)
      throws IOException {
    LakeFSTokenIdentifier identifier = convertTokenIdentifier(retrievedIdentifier, LakeFSTokenIdentifier.class);
    LakeFSTokenSettings settings = settings();
    List<URI> endpoints = new ArrayList<>(settings.client().endpoints());
    endpoints.addAll(identifier.getServiceEndpoints());
    return deploy(settings, endpoints, Optional.of(identifier));
  }

  @Override
  public AWSCredentialProviderList deployUnbonded() throws IOException {
    LakeFSTokenSettings settings = settings();
    return deploy(settings, settings.client().endpoints(), Optional.<LakeFSTokenIdentifier>empty());
  }

  private AWSCredentialProviderList deploy(LakeFSTokenSettings settings, List<URI> endpoints,
      Optional<LakeFSTokenIdentifier> bound) throws IOException {
    StsCredentialsFetcher fetcher = new StsCredentialsFetcher(settings, () -> getOwner().getCredentials(),
        aliases(new Text(getCanonicalUri().toString()), endpoints), bound, Clock.systemUTC());
    fetcher.requireSource();
    return providers(new RefreshingCredentials(fetcher, Clock.systemUTC()));
  }

  /** The services under which tokens for a filesystem are filed: its own, and each endpoint's lakefs://. */
  public static Set<Text> aliases(Text filesystemService, List<URI> endpoints) {
    Set<Text> aliases = new LinkedHashSet<>();
    aliases.add(filesystemService);
    for (URI endpoint : endpoints) {
      aliases.add(LakeFSTokens.serviceName(endpoint));
    }
    return aliases;
  }

  private LakeFSTokenSettings settings() throws IOException {
    return LakeFSTokenSettings.from(getConfig());
  }

  @Override
  public AbstractS3ATokenIdentifier createEmptyIdentifier() {
    return new LakeFSTokenIdentifier();
  }

  @Override
  public String getDescription() {
    return "lakeFS STS delegation tokens (" + TokenKinds.LAKEFS_STS + ") for " + getCanonicalUri();
  }
}
