package io.lakefs.sts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.hadoop.client.ClientSettings;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.CredentialsAnswer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** {@code lakefs-sts credentials}: AWS credentials for any AWS client, from the cache or the service. */
final class CredentialsCommand {
  static final String USAGE = String.join("\n",
      "Usage: lakefs-sts credentials --repository REPO [--repository REPO2 ...] --access read|write|gc",
      "                              [--format credential-process|env|json] [--endpoint URL ...] [--no-cache]",
      "",
      "Prints short-lived AWS credentials that reach the storage of the lakeFS repositories named, issued to you",
      "by the lakeFS STS credentials service. For any AWS client, in ~/.aws/config:",
      "  [profile lakefs]",
      "  credential_process = lakefs-sts credentials --repository my-repo --access read",
      "",
      "Options:",
      "  --repository REPO   a lakeFS repository (repeat, or separate with commas)",
      "  --access ACCESS     read, or write (write reaches only where lakeFS clients write data)",
      "  --format FORMAT     credential-process (default: the AWS credential_process JSON), env (export lines),",
      "                      json (the service's answer, with scope and session name)",
      "  --endpoint URL      the credentials service (repeat for failover); default " + CliKeys.ENDPOINTS + ",",
      "                      else the endpoints of the token used",
      "  --no-cache          neither read nor write the cache",
      "",
      "Authenticates with the first of:",
      Authorities.ORDER,
      "",
      "Credentials are cached per caller, scope and endpoint in " + CliKeys.CACHE_DIR + " (default",
      "$XDG_CACHE_HOME/lakefs-sts or ~/.cache/lakefs-sts), mode 0600, and fetched again "
          + CliKeys.REFRESH_MARGIN_SECONDS,
      "(default " + CliKeys.DEFAULT_REFRESH_MARGIN.toSeconds() + ", at most half their lifetime) before they expire.",
      "Credentials go to standard output only; messages to standard error never hold a secret.",
      "",
      LakeFSSts.EXIT_STATUSES);

  private static final Set<String> VALUED = Set.of("--repository", "--access", "--format", "--endpoint");
  private static final Set<String> FLAGS = Set.of("--no-cache");

  private final CliEnvironment env;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  CredentialsCommand(CliEnvironment env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  void run(List<String> arguments, PrintStream out) throws CliException {
    Args args = Args.parse(arguments, VALUED, FLAGS, USAGE);
    if (args.helpRequested()) {
      out.println(USAGE);
      return;
    }
    if (!args.positionals().isEmpty()) {
      throw new CliException(ExitCode.USAGE, "unexpected argument " + args.positionals().get(0) + "\n" + USAGE);
    }
    List<String> repositories = args.all("--repository");
    if (repositories.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "name at least one lakeFS repository with --repository\n" + USAGE);
    }
    Access access = access(args.one("--access", USAGE));
    OutputFormat format = OutputFormat.parse(args.one("--format", USAGE).orElse("credential-process"));
    Authority authority = new Authorities(env).forCredentials();
    List<URI> endpoints = endpoints(args, env, authority);
    CredentialsCache cache = new CredentialsCache(env.cacheDir(), env.refreshMargin(), clock);
    String key = CredentialsCache.key(authority, endpoints, repositories, access.wireName());
    Optional<CredentialsAnswer> cached = args.flag("--no-cache") ? Optional.empty() : cache.fresh(key);
    CredentialsAnswer credentials;
    if (cached.isPresent()) {
      credentials = cached.get();
    } else {
      CredentialsServiceClient client = new CredentialsServiceClient(
          ClientSettings.from(new Configuration(false), endpoints));
      try {
        credentials = authority.credentials(client, repositories, access);
      } catch (IOException e) {
        throw ServiceFailures.of(e, authority);
      }
      if (!args.flag("--no-cache")) {
        cache.store(key, credentials);
      }
    }
    try {
      out.print(format.render(credentials, json));
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "cannot write the credentials as " + format.wireName() + " ("
          + e.getClass().getSimpleName() + ")");
    }
    out.flush();
  }

  static Access access(Optional<String> value) throws CliException {
    if (value.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "say which access with --access read, --access write or --access gc");
    }
    try {
      return Access.parse(value.get(), "--access");
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage());
    }
  }

  /** {@code --endpoint}, else {@code LAKEFS_STS_ENDPOINTS}, else what the authority names. */
  static List<URI> endpoints(Args args, CliEnvironment env, Authority authority) throws CliException {
    List<URI> given = CliEnvironment.parseEndpoints(args.all("--endpoint"), "--endpoint");
    if (given.isEmpty()) {
      given = env.endpoints();
    }
    if (given.isEmpty()) {
      given = authority.endpoints();
    }
    if (given.isEmpty()) {
      throw new CliException(ExitCode.NOT_CONFIGURED, "no credentials-service endpoint: pass --endpoint URL or set "
          + CliKeys.ENDPOINTS + " (e.g. https://lakefs-sts.example.com:8765)");
    }
    return given;
  }
}
