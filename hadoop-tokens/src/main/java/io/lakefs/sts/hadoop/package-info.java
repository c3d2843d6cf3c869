/**
 * The Hadoop side of lakeFS STS delegation tokens: {@code token} (the identifier, issuer, renewer, fetcher),
 * {@code client} (HTTP to the credentials service) and {@code s3a} (the S3A binding and credentials provider).
 * {@link io.lakefs.sts.hadoop.LakeFSTokenKeys} names every configuration key.
 */
package io.lakefs.sts.hadoop;
