/**
 * The loopback AWS STS of local-aws, for tests and the demo (not production). {@link
 * io.lakefs.sts.localaws.sts.StsServer} answers AssumeRole and GetCallerIdentity in the AWS Query protocol,
 * SigV4-authenticated; the sessions it issues go into the shared PrincipalDirectory, where the S3 gateway
 * finds them. {@link io.lakefs.sts.localaws.sts.StsFaults} lets tests make it slow, throttled, down,
 * region-disabled, or issue short-lived credentials.
 *
 * <p>Modelled from the STS API reference and the IAM User Guide: input constraints and their "N validation
 * errors detected" messages; trust (principal ARN, a role for all its sessions, or the account root), external
 * id, sts:TagSession and sts:SetSourceIdentity as AccessDenied; DurationSeconds within 900..role maximum and
 * one hour when chaining; transitive tags and source identity carried along a role chain; case-insensitive
 * tag keys. Not modelled: managed session policies (PolicyArns), MFA, and AWS's real packed-policy format
 * (a DEFLATE-based stand-in reports PackedPolicySize instead).
 */
package io.lakefs.sts.localaws.sts;
