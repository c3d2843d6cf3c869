/**
 * local-aws: a loopback stand-in for AWS STS and S3, for tests and the demo only. Started as its own JVM
 * ({@link io.lakefs.sts.localaws.LocalAwsMain}); {@link io.lakefs.sts.localaws.LocalAwsContract} is what a
 * launcher may rely on.
 */
package io.lakefs.sts.localaws;
