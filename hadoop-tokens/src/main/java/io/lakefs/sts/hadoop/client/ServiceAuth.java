package io.lakefs.sts.hadoop.client;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.security.UserGroupInformation;

import static java.util.Objects.requireNonNull;

/**
 * How one call to the credentials service authenticates: with a lakeFS key (HTTP Basic); as the current
 * Hadoop user's Kerberos login (SPNEGO), optionally with a lakeFS key naming the lakeFS user; or with the
 * service's own delegation token, as executors and the YARN RM do. {@code toString()} names no secret.
 */
public final class ServiceAuth {
  enum Scheme { LAKEFS_KEY, KERBEROS, DELEGATION_TOKEN }

  private final Scheme scheme;
  private final LakeFSAccessKey key;
  private final Secret serviceToken;

  private ServiceAuth(Scheme scheme, LakeFSAccessKey key, Secret serviceToken) {
    this.scheme = scheme;
    this.key = key;
    this.serviceToken = serviceToken;
  }

  /** HTTP Basic with a lakeFS key: clusters without Kerberos, and users with curl. */
  public static ServiceAuth lakeFSKey(LakeFSAccessKey key) {
    return new ServiceAuth(Scheme.LAKEFS_KEY, requireNonNull(key, "key"), null);
  }

  /** SPNEGO as the current Hadoop user ({@code UserGroupInformation.getCurrentUser()}), with no lakeFS key. */
  public static ServiceAuth kerberos() {
    return new ServiceAuth(Scheme.KERBEROS, null, null);
  }

  /** SPNEGO as the current Hadoop user, with the lakeFS key of the same user in {@code X-LakeFS-Authorization}. */
  public static ServiceAuth kerberos(LakeFSAccessKey key) {
    return new ServiceAuth(Scheme.KERBEROS, requireNonNull(key, "key"), null);
  }

  /** The service's delegation token, as {@code Token.encodeToUrlString()}, in {@code X-Hadoop-Delegation-Token}. */
  public static ServiceAuth delegationToken(Secret urlString) {
    requireNonNull(urlString, "urlString");
    if (urlString.isEmpty()) {
      throw new IllegalArgumentException("the service's delegation token is empty; obtain a new token");
    }
    return new ServiceAuth(Scheme.DELEGATION_TOKEN, null, urlString);
  }

  /**
   * How the current Hadoop user authenticates: Kerberos when security is on and the user has a Kerberos login
   * (a driver after kinit, the YARN RM), sending the lakeFS key too when one is configured; else the lakeFS key.
   *
   * @throws IOException naming the keys to set when the user has neither
   */
  public static ServiceAuth forCurrentUser(Optional<LakeFSAccessKey> key) throws IOException {
    UserGroupInformation user = UserGroupInformation.getCurrentUser();
    if (UserGroupInformation.isSecurityEnabled() && user.hasKerberosCredentials()) {
      return key.map(ServiceAuth::kerberos).orElseGet(ServiceAuth::kerberos);
    }
    return key.map(ServiceAuth::lakeFSKey).orElseThrow(() -> new IOException("cannot authenticate "
        + user.getUserName() + " to the lakeFS credentials service: no Kerberos login and no lakeFS key; set "
        + LakeFSTokenKeys.ACCESS_KEY + " and " + LakeFSTokenKeys.SECRET_KEY + " (or lakeFSFS's "
        + LakeFSTokenKeys.LAKEFSFS_ACCESS_KEY + " / " + LakeFSTokenKeys.LAKEFSFS_SECRET_KEY + "), or log in "
        + "with Kerberos (kinit) on a cluster with hadoop.security.authentication=kerberos"));
  }

  Scheme scheme() {
    return scheme;
  }

  Optional<LakeFSAccessKey> key() {
    return Optional.ofNullable(key);
  }

  Secret serviceToken() {
    return serviceToken;
  }

  @Override
  public String toString() {
    switch (scheme) {
      case LAKEFS_KEY:
        return key.toString();
      case KERBEROS:
        return key == null ? "Kerberos" : "Kerberos with " + key;
      default:
        return "the service's delegation token";
    }
  }
}
