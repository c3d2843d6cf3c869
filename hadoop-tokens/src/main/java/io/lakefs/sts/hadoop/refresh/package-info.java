/**
 * When and where S3A's lakeFS STS credentials are refreshed, with no AWS SDK type: the token pick-up and
 * refusal memory ({@link io.lakefs.sts.hadoop.refresh.StsCredentialsFetcher}) and the refresh schedule
 * ({@link io.lakefs.sts.hadoop.refresh.RefreshingCredentials}), shared by the SDK v1 and v2 providers.
 */
package io.lakefs.sts.hadoop.refresh;
