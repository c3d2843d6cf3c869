package io.lakefs.sts.service.issuance;

import io.lakefs.sts.service.identity.LakeFSUserMapping;
import io.lakefs.sts.service.identity.ProxyUserRules;
import io.lakefs.sts.service.lakefs.LakeFSPolicyDirectory;
import java.util.Objects;

/**
 * What the service needs to issue tokens to callers who send no lakeFS key of the user the token is for: its
 * own reading of lakeFS's policies, the Kerberos name to lakeFS user mapping, and the proxy-user rules.
 * Present only when an administrator gave the service a lakeFS key ({@code lakefs.sts.lakefs.service.*}).
 */
public record KeylessAccess(LakeFSPolicyDirectory directory, LakeFSUserMapping mapping, ProxyUserRules proxyUsers) {
  public KeylessAccess {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(proxyUsers, "proxyUsers");
  }
}
