/**
 * AWS Signature Version 4 verification for local-aws's loopback endpoints. {@link
 * io.lakefs.sts.localaws.sigv4.SigV4Verifier} is shared by the STS endpoint (service "sts", double-encoded
 * path) and the S3 gateway (service "s3", path as sent); callers look up the secret and map failures to
 * their service's error codes.
 */
package io.lakefs.sts.localaws.sigv4;
