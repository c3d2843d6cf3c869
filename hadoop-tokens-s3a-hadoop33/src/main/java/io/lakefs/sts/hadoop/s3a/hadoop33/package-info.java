/**
 * Hadoop 3.3.x's S3A side (AWS SDK v1): the binding S3A loads on drivers and executors and the SDK v1
 * provider it hands out. Not loaded by the YARN RM.
 */
package io.lakefs.sts.hadoop.s3a.hadoop33;
