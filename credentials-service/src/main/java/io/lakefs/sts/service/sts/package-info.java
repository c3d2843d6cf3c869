/**
 * Calling STS for a lakeFS user: how the user is named to STS and in S3 and CloudTrail audit logs
 * ({@link io.lakefs.sts.service.sts.SessionNames}), AssumeRole with the request's session policy and a
 * throttling-only retry policy ({@link io.lakefs.sts.service.sts.StsCredentialsIssuer}), a single-flight cache in
 * front of it ({@link io.lakefs.sts.service.sts.CachingCredentialsIssuer}), and the refusals
 * {@code issuance}'s {@code Refusal} turns into answers ({@link io.lakefs.sts.service.sts.CredentialsIssueException}). Loaded by the credentials
 * service only; the feature is off unless a role is configured.
 */
package io.lakefs.sts.service.sts;
