/**
 * Example Spark jobs that reach lakeFS's object store with lakeFS STS tokens. They name no lakeFS class:
 * spark-integration's provider or plugin and S3A's lakeFS binding are wired in by configuration. Run with
 * {@code spark-submit}; spark-integration's tests submit them too.
 */
package io.lakefs.sts.examples;
