/**
 * S3A's side: the delegation-token binding ({@code fs.s3a.delegation.token.binding}) that creates
 * {@code LAKEFS_STS} tokens on drivers and binds executors to them, and the AWS SDK v2 credentials provider
 * that starts from a token's embedded STS credentials and refreshes them from the credentials service. Loaded
 * by S3A on drivers and executors, where the AWS SDK is present.
 */
package io.lakefs.sts.hadoop.s3a;
