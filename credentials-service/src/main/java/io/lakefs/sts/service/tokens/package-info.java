/**
 * Where the service's own delegation tokens (kind {@code LAKEFS_STS_DELEGATION_TOKEN}) and their signing keys
 * live: in memory for a single instance, or in ZooKeeper so that every instance behind a load balancer accepts,
 * renews and cancels the same tokens. Both are Hadoop's own secret managers, chosen through hadoop-auth's filter
 * parameters; this package only maps the service's keys onto them and owns the shared ZooKeeper client.
 */
package io.lakefs.sts.service.tokens;
