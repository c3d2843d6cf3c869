/**
 * The S3 endpoint: a gateway that authenticates (SigV4, session token, expiry), authorizes each operation as
 * IAM would, and logs every request, in front of S3Proxy, which serves S3 itself.
 */
package io.lakefs.sts.localaws.s3;
