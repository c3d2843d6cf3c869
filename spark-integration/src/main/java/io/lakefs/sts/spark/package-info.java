/**
 * lakeFS STS tokens for Spark, on the driver: the {@code lakefs} token provider that Spark's token manager loads
 * on clusters with Kerberos, the token source it shares with the plugin, the driver-only lakeFS key settings and
 * every configuration key. Loaded by the Spark driver.
 */
package io.lakefs.sts.spark;
