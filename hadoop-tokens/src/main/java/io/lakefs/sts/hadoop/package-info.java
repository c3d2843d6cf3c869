/**
 * The Hadoop side of lakeFS STS delegation tokens, with no AWS SDK class: {@code token} (the identifier, issuer,
 * renewer, fetcher), {@code client} (HTTP to the credentials service), {@code refresh} and {@code binding} (the
 * S3A binding's logic, which each SDK's module, hadoop-tokens-s3a-hadoop34 or -hadoop33, wraps in its provider).
 * {@link io.lakefs.sts.hadoop.LakeFSTokenKeys} names every configuration key.
 */
package io.lakefs.sts.hadoop;
