/**
 * Example jobs that reach lakeFS's object store with lakeFS STS tokens the way lakeFSFS's simple mode does:
 * metadata through the official lakeFS SDK with the lakeFS login token the {@code LAKEFS_STS} token carries,
 * bytes through S3A with the same token's STS credentials ({@code lakefs.LakeFSObjects}). spark-integration's
 * provider or plugin and S3A's lakeFS binding are wired in by configuration. Run with {@code spark-submit};
 * spark-integration's tests and the demo submit them too.
 */
package io.lakefs.sts.examples;
