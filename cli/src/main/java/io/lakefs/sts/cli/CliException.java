package io.lakefs.sts.cli;

/** A failure the user can act on: its message says what to fix (never a secret), its code how it ends. */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ExitCode code;

  CliException(ExitCode code, String message) {
    super(message);
    this.code = code;
  }

  CliException(ExitCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  ExitCode code() {
    return code;
  }
}
