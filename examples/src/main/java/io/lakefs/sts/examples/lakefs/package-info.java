/**
 * lakeFSFS's simple-mode data path, done by hand because lakeFSFS is not in our registries: lakeFS metadata
 * calls through the official SDK authenticated with the lakeFS login token of the newest {@code LAKEFS_STS}
 * token, object bytes through S3A at the physical addresses lakeFS hands out. Used by the example jobs, on
 * drivers and in tasks.
 */
package io.lakefs.sts.examples.lakefs;
