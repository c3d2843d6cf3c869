/**
 * An example MapReduce job that reads and writes lakeFS objects the way lakeFSFS's simple mode does: metadata
 * through the official lakeFS SDK with the lakeFS login token of the job's {@code LAKEFS_STS} token, bytes
 * through S3A with the same token. Run with {@code hadoop jar}; its tests run it with MapReduce's
 * {@code LocalJobRunner}.
 */
package io.lakefs.sts.examples.mapreduce;
