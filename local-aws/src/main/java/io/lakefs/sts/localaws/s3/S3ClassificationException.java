package io.lakefs.sts.localaws.s3;

import java.util.Objects;

/**
 * An S3 request too malformed to say what it would do, so it cannot be authorized. Answer it with HTTP 400,
 * {@link #code()} as the S3 error code and the message as the S3 error message.
 */
public final class S3ClassificationException extends Exception {
  private final String code;

  /** @param code the S3 error code: InvalidRequest, InvalidArgument, InvalidURI, InvalidBucketName, KeyTooLongError or MalformedXML */
  public S3ClassificationException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public S3ClassificationException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public String code() {
    return code;
  }
}
