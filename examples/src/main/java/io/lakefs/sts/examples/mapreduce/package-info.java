/**
 * An example MapReduce job that reads and writes {@code s3a://} paths with lakeFS STS credentials. Like the Spark
 * jobs it names no lakeFS class: S3A's lakeFS binding and the {@code fs.s3a.ext.lakefs.*} keys wire it in. Run
 * with {@code hadoop jar}; its tests run it with MapReduce's {@code LocalJobRunner}.
 */
package io.lakefs.sts.examples.mapreduce;
