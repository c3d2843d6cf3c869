/**
 * The lakeFS STS delegation token's identifier: the bytes a driver writes into Hadoop {@code Credentials},
 * executors read to get their AWS credentials, and the YARN RM decodes to renew and cancel the token.
 * Nothing here touches an AWS SDK class, because the RM loads it without the SDK.
 */
package io.lakefs.sts.hadoop.token;
