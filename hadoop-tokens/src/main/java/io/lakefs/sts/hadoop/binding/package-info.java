/**
 * S3A's side, with no AWS SDK type: the delegation-token binding every Hadoop line's S3A loads on drivers
 * and executors; the line's own module adds the provider of its AWS SDK.
 */
package io.lakefs.sts.hadoop.binding;
