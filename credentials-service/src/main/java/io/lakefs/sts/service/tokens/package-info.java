/**
 * The service's own delegation tokens (kind {@code LAKEFS_STS_DELEGATION_TOKEN}): their identifier, which carries
 * the scope lakeFS allowed when the token was issued, and the keys that sign it, kept in memory for a single
 * instance or in ZooKeeper so that every instance behind a load balancer accepts, renews and cancels the same
 * tokens. Both stores are Hadoop's secret managers, subclassed for the identifier and handed to hadoop-auth's
 * filter as its external secret manager; this package adds the checks a presented token passes (the signature
 * over the bytes presented, then expiry, lifetime, cancellation) and owns the shared ZooKeeper client.
 */
package io.lakefs.sts.service.tokens;
