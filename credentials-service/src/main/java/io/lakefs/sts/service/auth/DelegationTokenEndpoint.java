package io.lakefs.sts.service.auth;

import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.issuance.DelegationTokenIssuance;
import java.util.Objects;

/**
 * What the delegation-token handler needs: the use case that issues tokens (and the store that checks them) and
 * the audit log its answers go to. hadoop-auth creates handlers by reflection, so the service hands this over
 * as a servlet-context attribute, read by {@link LakeFSAuthenticationFilter} when it starts.
 */
public record DelegationTokenEndpoint(DelegationTokenIssuance issuance, AuditLog audit) {
  public static final String CONTEXT_ATTRIBUTE = DelegationTokenEndpoint.class.getName();

  public DelegationTokenEndpoint {
    Objects.requireNonNull(issuance, "issuance");
    Objects.requireNonNull(audit, "audit");
  }
}
