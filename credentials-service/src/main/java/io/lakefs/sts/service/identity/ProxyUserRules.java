package io.lakefs.sts.service.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authorize.AuthorizationException;
import org.apache.hadoop.security.authorize.DefaultImpersonationProvider;
import org.apache.hadoop.util.StringUtils;

/**
 * Which superusers (Livy, HiveServer2, Oozie, a scheduler) may obtain tokens for which other users, and from
 * where: {@code lakefs.sts.proxyuser.<superuser>.users}, {@code .groups} and {@code .hosts}, with exactly the
 * meaning {@code hadoop.proxyuser.*} has for the NameNode, KMS or HttpFS, since Hadoop's own
 * {@link DefaultImpersonationProvider} decides (an instance of it, configured with this prefix, not Hadoop's
 * process-wide {@code ProxyUsers}). Groups are the effective user's groups by Hadoop's group mapping
 * ({@code hadoop.security.group.mapping}). No rule for a superuser: it may act for no one. Immutable after
 * construction.
 */
public final class ProxyUserRules {
  /** The prefix of every rule: {@code lakefs.sts.proxyuser.<superuser>.users|groups|hosts}. */
  public static final String PREFIX = "lakefs.sts.proxyuser";

  private final DefaultImpersonationProvider provider = new DefaultImpersonationProvider();
  private final Map<String, String> rules;

  /** The {@value #PREFIX} rules of this configuration; other keys are ignored. */
  public ProxyUserRules(Configuration configuration) {
    Configuration own = new Configuration(false);
    configuration.getPropsWithPrefix(PREFIX + ".").forEach((key, value) -> own.set(PREFIX + "." + key, value));
    this.rules = own.getPropsWithPrefix("");
    provider.setConf(own);
    provider.init(PREFIX);
  }

  /** Whether any superuser has rules: without any, every {@code doAs} is refused. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * Returns if the rules let the superuser act for the user from that address.
   *
   * @param realUser the authenticated caller's short name
   * @param effectiveUser the user named in {@code doAs}
   * @param remoteAddress the caller's IP address, as the server saw it
   * @throws ImpersonationRefusedException naming the rules that refused
   */
  public void authorize(String realUser, String effectiveUser, String remoteAddress)
      throws ImpersonationRefusedException {
    Objects.requireNonNull(realUser, "realUser");
    Objects.requireNonNull(effectiveUser, "effectiveUser");
    UserGroupInformation proxied = UserGroupInformation.createProxyUser(effectiveUser,
        UserGroupInformation.createRemoteUser(realUser));
    InetAddress address;
    try {
      address = InetAddress.getByName(Objects.requireNonNull(remoteAddress, "remoteAddress"));
    } catch (UnknownHostException e) {
      throw refused(realUser, effectiveUser, "the request's address '" + remoteAddress + "' is not an IP address",
          e);
    }
    try {
      provider.authorize(proxied, address);
    } catch (AuthorizationException e) {
      throw refused(realUser, effectiveUser, explain(proxied, realUser, effectiveUser, remoteAddress, e), e);
    }
  }

  private String explain(UserGroupInformation proxied, String realUser, String effectiveUser, String remoteAddress,
      AuthorizationException e) {
    String users = provider.getProxySuperuserUserConfKey(realUser);
    String groups = provider.getProxySuperuserGroupConfKey(realUser);
    String hosts = provider.getProxySuperuserIpConfKey(realUser);
    if (!rules.containsKey(users) && !rules.containsKey(groups)) {
      return "no rule lets " + realUser + " act for anyone: set " + users + " or " + groups + " (and " + hosts
          + ")";
    }
    // Hadoop checks users and groups first, then hosts; its message says which failed.
    if (String.valueOf(e.getMessage()).startsWith("Unauthorized connection")) {
      return hosts + " = '" + rules.getOrDefault(hosts, "") + "' does not include " + remoteAddress
          + ", where the request came from";
    }
    return users + " = '" + rules.getOrDefault(users, "") + "' does not name " + effectiveUser + " and " + groups
        + " = '" + rules.getOrDefault(groups, "") + "' names none of its groups ["
        + StringUtils.join(",", proxied.getGroupsSet()) + "]";
  }

  private static ImpersonationRefusedException refused(String realUser, String effectiveUser, String why,
      Throwable cause) {
    return new ImpersonationRefusedException("user " + realUser + " may not act for " + effectiveUser + " (doAs): "
        + why + "; an administrator of the credentials service decides who may act for whom", realUser,
        effectiveUser, cause);
  }
}
