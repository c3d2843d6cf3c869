package io.lakefs.sts.cli;

/** {@code lakefs-sts}'s exit statuses: each says which kind of thing to fix. Listed in the usage text. */
enum ExitCode {
  OK(0),
  /** Anything unforeseen; the message says what happened. */
  FAILED(1),
  /** The command line is wrong: see {@code --help}. */
  USAGE(2),
  /** Nothing to authenticate with, or no endpoint: configure one. */
  NOT_CONFIGURED(3),
  /** The credentials service refused (401/403/404/400): the message quotes why. */
  REFUSED(4),
  /** The credentials service could not be reached or was unavailable: retry later or check the endpoint. */
  UNAVAILABLE(5);

  final int status;

  ExitCode(int status) {
    this.status = status;
  }
}
