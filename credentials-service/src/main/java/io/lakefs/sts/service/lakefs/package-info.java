/**
 * Who a caller is and what it may read, asked of lakeFS as that caller: the credentials service's only
 * source of identity and permissions. {@link io.lakefs.sts.service.lakefs.LakeFSCredentials} reads a
 * caller's HTTP Basic lakeFS credentials; {@link io.lakefs.sts.service.lakefs.LakeFSClient} makes the
 * calls with the official lakeFS SDK; {@link io.lakefs.sts.service.lakefs.CachingLakeFSClient} briefly
 * remembers successes. Configured from {@link io.lakefs.sts.service.lakefs.LakeFSKeys}.
 *
 * <p>Failures, and the answer {@code issuance}'s {@code Refusal} gives for each:
 * <ul>
 *   <li>{@link io.lakefs.sts.service.lakefs.MalformedAuthorizationException} (no or unreadable Basic
 *       header) and {@link io.lakefs.sts.service.lakefs.LakeFSAuthenticationException} (lakeFS rejected the
 *       key): 401;
 *   <li>{@link io.lakefs.sts.service.lakefs.InvalidRepositoryIdException}: 400, lakeFS is not asked;
 *   <li>{@link io.lakefs.sts.service.lakefs.RepositoryAccessDeniedException}: 403;
 *   <li>{@link io.lakefs.sts.service.lakefs.RepositoryNotFoundException}: 404;
 *   <li>{@link io.lakefs.sts.service.lakefs.LakeFSUnavailableException} (down, slow, 5xx, not lakeFS): 503.
 * </ul>
 */
package io.lakefs.sts.service.lakefs;
