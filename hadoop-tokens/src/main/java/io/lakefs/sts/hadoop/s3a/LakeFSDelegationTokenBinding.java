package io.lakefs.sts.hadoop.s3a;

import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokenSettings;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.time.Clock;
import java.util.ArrayList;
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
 * S3A's delegation-token binding for lakeFS ({@code fs.s3a.delegation.token.binding}, per bucket through
 * {@code fs.s3a.bucket.NAME.delegation.token.binding}). On the driver it creates a {@code LAKEFS_STS} token
 * for the bucket ({@code s3a://bucket}); on executors S3A binds it to the token it finds there; unbonded,
 * credentials come from a {@code LAKEFS_STS} token of the configured service ({@code lakefs://HOST:PORT}) or,
 * with none, from the configured lakeFS key. Either way through {@link LakeFSCredentialsProvider}.
 */
public final class LakeFSDelegationTokenBinding extends AbstractDelegationTokenBinding {
  public LakeFSDelegationTokenBinding() {
    super("LakeFSDelegationTokenBinding", LakeFSTokenIdentifier.kind());
  }

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
    return providers(settings, endpoints, Optional.of(identifier));
  }

  @Override
  public AWSCredentialProviderList deployUnbonded() throws IOException {
    LakeFSTokenSettings settings = settings();
    return providers(settings, settings.client().endpoints(), Optional.empty());
  }

  private AWSCredentialProviderList providers(LakeFSTokenSettings settings, List<URI> endpoints,
      Optional<LakeFSTokenIdentifier> bound) throws IOException {
    Set<Text> aliases = LakeFSCredentialsProvider.aliases(new Text(getCanonicalUri().toString()), endpoints);
    LakeFSCredentialsProvider provider = new LakeFSCredentialsProvider(settings, () -> getOwner().getCredentials(),
        aliases, bound, Clock.systemUTC());
    provider.requireSource();
    return new AWSCredentialProviderList("lakeFS STS credentials", provider);
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
