package io.lakefs.sts.spark.plugin;

import java.io.Serializable;

/** An executor asking the driver for the current lakeFS tokens (plugin RPC, Java-serialized by Spark). */
final class TokenRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String executorId;

  TokenRequest(String executorId) {
    this.executorId = executorId;
  }

  String executorId() {
    return executorId;
  }

  @Override
  public String toString() {
    return "TokenRequest{executorId=" + executorId + "}";
  }
}
