package io.lakefs.sts.spark.plugin;

import java.io.Serializable;

/** An executor asking the driver for the current lakeFS tokens (plugin RPC, Java-serialized by Spark). */
record TokenRequest(String executorId) implements Serializable {
}
