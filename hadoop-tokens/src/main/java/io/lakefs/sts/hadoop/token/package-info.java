/**
 * The lakeFS STS delegation token: its identifier (the bytes a driver writes into Hadoop {@code Credentials},
 * executors read to get their AWS credentials, and the YARN RM decodes), the issuer and minter that make it on
 * the driver, the renewer the RM and {@code dtutil} use, and the {@code dtutil} fetcher. Nothing here touches
 * an AWS SDK class, because the RM loads these classes without the SDK.
 */
package io.lakefs.sts.hadoop.token;
