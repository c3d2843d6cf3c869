package io.lakefs.sts.localaws.iam;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM role that may be assumed, with the parts of its trust policy that AssumeRole checks and the
 * permission policy that bounds every session of it.
 *
 * @param trustedPrincipalArns ARNs allowed by the trust policy to call sts:AssumeRole
 * @param allowTagSession whether the trust policy grants sts:TagSession (needed to pass session tags)
 * @param allowSetSourceIdentity whether the trust policy grants sts:SetSourceIdentity
 * @param requiredExternalId the sts:ExternalId condition of the trust policy, if any
 */
public record Role(
    String accountId,
    String name,
    int maxSessionDurationSeconds,
    List<String> trustedPrincipalArns,
    boolean allowTagSession,
    boolean allowSetSourceIdentity,
    Optional<String> requiredExternalId,
    PolicyDocument permissionPolicy) {

  public Role {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    trustedPrincipalArns = List.copyOf(trustedPrincipalArns);
    Objects.requireNonNull(requiredExternalId, "requiredExternalId");
    Objects.requireNonNull(permissionPolicy, "permissionPolicy");
    if (maxSessionDurationSeconds < 3600 || maxSessionDurationSeconds > 43200) {
      throw new IllegalArgumentException("role " + name + ": maxSessionDurationSeconds must be within"
          + " [3600, 43200] as in IAM, was " + maxSessionDurationSeconds);
    }
  }

  public String arn() {
    return "arn:aws:iam::" + accountId + ":role/" + name;
  }

  /** The unique id IAM gives a role; stable per name so logs are reproducible. */
  public String roleId() {
    return "AROA" + AccessKeys.stableSuffix(arn(), 17);
  }
}
