/**
 * The service's use cases, between the HTTP edges ({@code http}, {@code auth}) and the domain ({@code tokens},
 * {@code sts}, {@code lakefs}, {@code scope}): issue a delegation token ({@link
 * io.lakefs.sts.service.issuance.DelegationTokenIssuance}), issue credentials with a lakeFS key or with a token
 * ({@link io.lakefs.sts.service.issuance.CredentialsIssuance}). Each gives a result or a
 * {@link io.lakefs.sts.service.issuance.Refusal}, the one mapping of the domain's failures to what the caller is
 * told; the edge answers and writes the audit line.
 */
package io.lakefs.sts.service.issuance;
