/**
 * The Spark plugin for clusters without Kerberos: the driver half obtains and refreshes the tokens, the executor
 * half asks for them over the plugin RPC and installs them in the executor's Hadoop credentials. Loaded by
 * {@code spark.plugins} on the driver and every executor.
 */
package io.lakefs.sts.spark.plugin;
