package io.lakefs.sts.cli;

import com.sun.security.auth.module.UnixSystem;
import io.lakefs.sts.hadoop.client.ServiceDelegationToken;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what to authenticate with, in the documented order: a {@code LAKEFS_STS} token in the Hadoop token file
 * ({@code HADOOP_TOKEN_FILE_LOCATION}: YARN containers and Spark executors need no secret), the service's token
 * ({@code LAKEFS_STS_SERVICE_TOKEN}), a Kerberos login (kinit's ticket cache), the lakeFS key (lakectl's
 * variables, then {@code ~/.lakectl.yaml}).
 */
final class Authorities {
  private static final Logger LOG = LoggerFactory.getLogger(Authorities.class);

  static final String ORDER = String.join("\n",
      "  1. a LAKEFS_STS token in the Hadoop token file named by " + CliKeys.HADOOP_TOKEN_FILE_LOCATION
          + " (`lakefs-sts token get` or `hadoop dtutil get` makes one; YARN and Spark set it in containers)",
      "  2. the credentials service's own token in " + CliKeys.SERVICE_TOKEN,
      "  3. a Kerberos login (kinit; the ticket cache in " + CliKeys.KRB5CCNAME + " or /tmp/krb5cc_UID), with the "
          + "lakeFS key below when there is one",
      "  4. the lakeFS key in " + CliKeys.LAKECTL_ACCESS_KEY_ID + " and " + CliKeys.LAKECTL_SECRET_ACCESS_KEY
          + ", else in lakectl's ~/" + CliKeys.LAKECTL_CONFIG_FILE_NAME
          + " (credentials.access_key_id, credentials.secret_access_key, as `lakectl config` writes it)");

  private final CliEnvironment env;

  Authorities(CliEnvironment env) {
    this.env = env;
  }

  /** For credentials: the first of the four that is there. */
  Authority forCredentials() throws CliException {
    Optional<Authority> found = tokenFile();
    if (found.isEmpty()) {
      found = serviceToken();
    }
    if (found.isEmpty()) {
      found = ownIfAny();
    }
    return found.orElseThrow(() -> new CliException(ExitCode.NOT_CONFIGURED, "nothing to authenticate to the lakeFS"
        + " credentials service with; provide one of these (tried in this order):\n" + ORDER));
  }

  /** The caller's own identity, for obtaining, renewing and cancelling tokens: Kerberos, else the lakeFS key. */
  Authority own() throws CliException {
    return ownIfAny().orElseThrow(() -> new CliException(ExitCode.NOT_CONFIGURED, "no Kerberos login and no lakeFS"
        + " key to obtain, renew or cancel a token with; kinit, or provide:\n" + ORDER.lines().skip(3)
        .collect(Collectors.joining("\n"))));
  }

  private Optional<Authority> ownIfAny() throws CliException {
    Optional<LakeFSKeyAuthority> key = lakeFSKey();
    Optional<Authority> kerberos = kerberos(key);
    return kerberos.isPresent() ? kerberos : key.map(Authority.class::cast);
  }

  private Optional<Authority> tokenFile() throws CliException {
    Optional<String> location = env.get(CliKeys.HADOOP_TOKEN_FILE_LOCATION);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    File file = new File(location.get());
    Credentials credentials;
    try {
      credentials = Credentials.readTokenStorageFile(file, new Configuration(false));
    } catch (IOException e) {
      throw new CliException(ExitCode.NOT_CONFIGURED, "cannot read the Hadoop token file " + file + " named by "
          + CliKeys.HADOOP_TOKEN_FILE_LOCATION + " (" + e.getClass().getSimpleName() + "); fix or unset it");
    }
    List<Text> aliases = credentials.getTokenMap().entrySet().stream()
        .filter(entry -> TokenKinds.LAKEFS_STS.equals(entry.getValue().getKind().toString()))
        .map(Map.Entry::getKey).collect(Collectors.toList());
    return LakeFSTokens.newest(credentials, aliases).flatMap(LakeFSTokens::decode).map(identifier ->
        new DelegationTokenAuthority(identifier.getServiceToken(), identifier.getServiceEndpoints(), "the "
            + TokenKinds.LAKEFS_STS + " token of lakeFS user " + identifier.getLakeFSUser() + " in " + file
            + " (" + CliKeys.HADOOP_TOKEN_FILE_LOCATION + ")"));
  }

  private Optional<Authority> serviceToken() throws CliException {
    Optional<String> value = env.get(CliKeys.SERVICE_TOKEN);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      ServiceDelegationToken token = ServiceDelegationToken.decode(Secret.of(value.get()));
      return Optional.of(new DelegationTokenAuthority(token.urlString(), List.of(), "the credentials service's token"
          + " of " + token.owner() + " in " + CliKeys.SERVICE_TOKEN));
    } catch (IOException e) {
      throw new CliException(ExitCode.NOT_CONFIGURED, CliKeys.SERVICE_TOKEN + " holds no token of the credentials "
          + "service (" + e.getMessage() + "); fix or unset it");
    }
  }

  /** Kerberos when kinit left a ticket cache that Hadoop can log in from; else Hadoop stays without security. */
  private Optional<Authority> kerberos(Optional<LakeFSKeyAuthority> key) {
    if (!env.hasTicketCache(new UnixSystem().getUid())) {
      return Optional.empty();
    }
    Configuration conf = new Configuration(false);
    conf.set(CommonConfigurationKeysPublic.HADOOP_SECURITY_AUTHENTICATION, "kerberos");
    UserGroupInformation.setConfiguration(conf);
    try {
      UserGroupInformation user = UserGroupInformation.getLoginUser();
      if (user.hasKerberosCredentials()) {
        return Optional.of(new KerberosAuthority(user, key));
      }
    } catch (IOException e) {
      LOG.warn("the Kerberos ticket cache cannot be used ({}); going on without Kerberos", e.getMessage());
    }
    UserGroupInformation.reset();
    Configuration simple = new Configuration(false);
    simple.set(CommonConfigurationKeysPublic.HADOOP_SECURITY_AUTHENTICATION, "simple");
    UserGroupInformation.setConfiguration(simple);
    return Optional.empty();
  }

  private Optional<LakeFSKeyAuthority> lakeFSKey() throws CliException {
    LakectlConfig lakectl = LakectlConfig.read(env);
    if (lakectl.accessKeyId().isEmpty() && lakectl.secretAccessKey().isEmpty()) {
      return Optional.empty();
    }
    if (lakectl.accessKeyId().isEmpty() || lakectl.secretAccessKey().isEmpty()) {
      throw new CliException(ExitCode.NOT_CONFIGURED, "the lakeFS key in " + lakectl.source() + " has "
          + (lakectl.accessKeyId().isEmpty() ? "a secret but no access key id" : "an access key id but no secret")
          + "; set both (" + CliKeys.LAKECTL_ACCESS_KEY_ID + " and " + CliKeys.LAKECTL_SECRET_ACCESS_KEY
          + ", or credentials.access_key_id and credentials.secret_access_key in ~/" + CliKeys.LAKECTL_CONFIG_FILE_NAME
          + ")");
    }
    return Optional.of(new LakeFSKeyAuthority(lakectl.accessKeyId().get(), lakectl.secretAccessKey().get(),
        lakectl.endpointUrl(), lakectl.source()));
  }
}
