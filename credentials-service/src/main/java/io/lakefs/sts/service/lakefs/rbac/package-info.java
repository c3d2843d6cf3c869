/**
 * lakeFS's RBAC decision, made the way lakeFS makes it ({@code pkg/auth}: {@code checkPermissions},
 * {@code ArnMatch}, {@code wildcard.Match}), over policies the service read from lakeFS: for callers who
 * hold no lakeFS key of their own (Kerberos-only users, users a gateway acts for). Pure: no I/O, no
 * dependency on the rest of the service; {@code io.lakefs.sts.service.lakefs.LakeFSUserDirectory} reads
 * the policies and asks this package.
 */
package io.lakefs.sts.service.lakefs.rbac;
