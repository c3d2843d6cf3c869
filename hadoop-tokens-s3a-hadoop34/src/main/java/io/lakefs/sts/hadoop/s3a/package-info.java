/**
 * Hadoop 3.4 and later's S3A side (AWS SDK v2): the delegation-token binding
 * ({@code fs.s3a.delegation.token.binding}) S3A loads on drivers and executors, and the SDK v2 credentials provider
 * it hands out, both thin wrappers of hadoop-tokens' {@code binding} and {@code refresh}. The package keeps the name
 * it had inside hadoop-tokens, so configurations naming the binding keep working. Not loaded by the YARN RM.
 */
package io.lakefs.sts.hadoop.s3a;
