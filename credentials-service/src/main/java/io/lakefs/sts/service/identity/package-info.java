/**
 * Who a request is for, when the caller holds no lakeFS key of that user: the lakeFS user id a Kerberos
 * principal stands for ({@link io.lakefs.sts.service.identity.LakeFSUserMapping}, after hadoop-auth's
 * {@code auth_to_local} rules), and whether a gateway's principal may act for another user
 * ({@link io.lakefs.sts.service.identity.ProxyUserRules}, Hadoop's own impersonation provider under
 * {@code lakefs.sts.proxyuser.*}). No lakeFS calls here; the auth handlers use these before asking lakeFS.
 */
package io.lakefs.sts.service.identity;
