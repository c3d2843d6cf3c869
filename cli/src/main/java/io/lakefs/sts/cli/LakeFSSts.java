package io.lakefs.sts.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** The {@code lakefs-sts} command: dispatches to a subcommand and turns failures into a message and an exit status. */
final class LakeFSSts {
  static final String EXIT_STATUSES = String.join("\n",
      "Exit status: 0 done; 2 wrong command line; 3 nothing to authenticate with, no endpoint, or an unreadable",
      "file (configure it); 4 the credentials service refused (its message says why); 5 the service could not be",
      "reached or was unavailable (retry, or check the endpoint); 1 anything else.");

  static final String USAGE = String.join("\n",
      "Usage: lakefs-sts credentials --repository REPO --access read|write|gc [--format credential-process|env|json]",
      "       lakefs-sts token get|print|renew|cancel ... FILE",
      "       lakefs-sts --help | COMMAND --help",
      "",
      "Short-lived, per-user AWS credentials for lakeFS repositories' storage, issued by the lakeFS STS",
      "credentials service: for the AWS CLI, boto3, DuckDB, Trino and any AWS SDK through a profile's",
      "credential_process, and LAKEFS_STS tokens in Hadoop token files without a Hadoop install.",
      "",
      "Commands:",
      "  credentials   print AWS credentials (the credential_process JSON, export lines, or the service's JSON)",
      "  token         get, print, renew or cancel a LAKEFS_STS token in a Hadoop token file",
      "",
      EXIT_STATUSES);

  private final CliEnvironment env;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  LakeFSSts(CliEnvironment env, Clock clock, PrintStream out, PrintStream err) {
    this.env = env;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /** Runs one command line; returns the exit status. */
  int run(List<String> args) {
    try {
      if (args.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "say which command\n" + USAGE);
      }
      List<String> rest = args.subList(1, args.size());
      switch (args.get(0)) {
        case "--help", "-h", "help" -> out.println(USAGE);
        case "credentials" -> new CredentialsCommand(env, clock).run(rest, out);
        case "token" -> new TokenCommand(env).run(rest, out);
        default -> throw new CliException(ExitCode.USAGE, "unknown command " + args.get(0) + "\n" + USAGE);
      }
      return ExitCode.OK.status;
    } catch (CliException e) {
      err.println("lakefs-sts: " + e.getMessage());
      return e.code().status;
    } catch (RuntimeException e) {
      // Hadoop's and the client's argument checks say what to fix; nothing here carries a secret.
      err.println("lakefs-sts: " + e.getMessage());
      return ExitCode.FAILED.status;
    }
  }
}
