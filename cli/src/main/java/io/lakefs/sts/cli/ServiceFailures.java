package io.lakefs.sts.cli;

import io.lakefs.sts.hadoop.client.CredentialsServiceException;
import java.io.IOException;

/** A failed call to the service as the user reads it: the client's message, what was used, and an exit status. */
final class ServiceFailures {
  private ServiceFailures() {
  }

  static CliException of(IOException e, Authority authority) {
    ExitCode code = ExitCode.FAILED;
    if (e instanceof CredentialsServiceException refusal) {
      int status = refusal.status();
      code = status == CredentialsServiceException.NO_ANSWER || status == 503 ? ExitCode.UNAVAILABLE
          : status / 100 == 4 ? ExitCode.REFUSED : ExitCode.FAILED;
    }
    String where = code == ExitCode.UNAVAILABLE ? "; its endpoints come from --endpoint, else " + CliKeys.ENDPOINTS
        + ", else the token" : "";
    return new CliException(code, e.getMessage() + "\n(lakefs-sts authenticated with " + authority.describe() + where
        + ")", e);
  }
}
