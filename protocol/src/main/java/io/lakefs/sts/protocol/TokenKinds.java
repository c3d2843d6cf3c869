package io.lakefs.sts.protocol;

/** The kinds of the Hadoop tokens the service and its clients pass around, as Hadoop's token files name them. */
public final class TokenKinds {
  /** A token that carries STS credentials themselves (the S3A delegation token binding's token). */
  public static final String LAKEFS_STS = "LAKEFS_STS";
  /** The service's own delegation token, presented to the service for fresh STS credentials. */
  public static final String LAKEFS_STS_DELEGATION_TOKEN = "LAKEFS_STS_DELEGATION_TOKEN";

  private TokenKinds() {
  }
}
