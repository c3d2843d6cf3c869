package io.lakefs.sts.cli;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.token.LakeFSDtFetcher;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;

/**
 * {@code lakefs-sts token get|print|renew|cancel FILE}: {@code LAKEFS_STS} tokens in Hadoop token files, for
 * people without a Hadoop install. The files are {@code hadoop dtutil}'s (protobuf format), the token is made by
 * the same fetcher dtutil uses ({@link LakeFSDtFetcher}) and renewed and cancelled by the same renewer, so files
 * go back and forth between the two.
 */
final class TokenCommand {
  static final String USAGE = String.join("\n",
      "Usage: lakefs-sts token get --repository REPO [...] --access read|write|gc [--renewer NAME] [--endpoint URL ...] FILE",
      "       lakefs-sts token print FILE",
      "       lakefs-sts token renew FILE",
      "       lakefs-sts token cancel FILE",
      "",
      "LAKEFS_STS tokens in Hadoop token files (the format of `hadoop dtutil`; either tool reads the other's files).",
      "  get     obtains a token and adds it to FILE (created with mode 0600), under lakefs://HOST:PORT of the first",
      "          endpoint; --renewer names who may renew it (default: you, as Hadoop names your OS user; pass your",
      "          lakeFS user id to renew it yourself with your lakeFS key, or yarn for YARN)",
      "  print   shows each token's kind, service, users, scope and dates: never a secret",
      "  renew   extends the service token of every LAKEFS_STS token in FILE, as its renewer",
      "  cancel  cancels them, as their owner or renewer, and removes them from FILE",
      "",
      "get, renew and cancel authenticate with a Kerberos login (kinit), else the lakeFS key in "
          + CliKeys.LAKECTL_ACCESS_KEY_ID,
      "and " + CliKeys.LAKECTL_SECRET_ACCESS_KEY + ", else lakectl's ~/" + CliKeys.LAKECTL_CONFIG_FILE_NAME
          + ". get's endpoint: --endpoint, else " + CliKeys.ENDPOINTS + ";",
      "renew and cancel use the endpoints the token names. Use the file with HADOOP_TOKEN_FILE_LOCATION=FILE.",
      "",
      LakeFSSts.EXIT_STATUSES);

  private final CliEnvironment env;

  TokenCommand(CliEnvironment env) {
    this.env = env;
  }

  void run(List<String> arguments, PrintStream out) throws CliException {
    if (arguments.isEmpty() || arguments.get(0).equals("--help") || arguments.get(0).equals("-h")) {
      if (arguments.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "say which: get, print, renew or cancel\n" + USAGE);
      }
      out.println(USAGE);
      return;
    }
    String action = arguments.get(0);
    Args args = Args.parse(arguments.subList(1, arguments.size()),
        action.equals("get") ? Set.of("--repository", "--access", "--renewer", "--endpoint") : Set.of(), Set.of(),
        USAGE);
    if (args.helpRequested()) {
      out.println(USAGE);
      return;
    }
    if (args.positionals().size() != 1) {
      throw new CliException(ExitCode.USAGE, "token " + action + " takes one token FILE\n" + USAGE);
    }
    File file = new File(args.positionals().get(0));
    switch (action) {
      case "get" -> get(args, file, out);
      case "print" -> print(read(file), out);
      case "renew" -> renew(file, out);
      case "cancel" -> cancel(file, out);
      default -> throw new CliException(ExitCode.USAGE, "unknown token action " + action
          + "; use get, print, renew or cancel\n" + USAGE);
    }
  }

  private void get(Args args, File file, PrintStream out) throws CliException {
    List<String> repositories = args.all("--repository");
    if (repositories.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "name at least one lakeFS repository with --repository\n" + USAGE);
    }
    String access = CredentialsCommand.access(args.one("--access", USAGE)).wireName();
    Authority authority = new Authorities(env).own();
    List<URI> endpoints = CredentialsCommand.endpoints(args, env, authority);
    Configuration conf = hadoopConf(authority);
    conf.setStrings(LakeFSTokenKeys.SERVICE_ENDPOINTS, endpoints.stream().map(URI::toString).toArray(String[]::new));
    conf.setStrings(LakeFSTokenKeys.REPOSITORIES, repositories.toArray(String[]::new));
    conf.set(LakeFSTokenKeys.ACCESS, access);
    Credentials credentials = file.exists() ? read(file) : new Credentials();
    Token<?> token;
    try {
      token = new LakeFSDtFetcher().addDelegationTokens(conf, credentials, args.one("--renewer", USAGE).orElse(""),
          LakeFSTokens.serviceName(endpoints.get(0)).toString());
    } catch (IOException e) {
      throw ServiceFailures.of(e, authority);
    } catch (Exception e) {
      throw new CliException(ExitCode.FAILED, "cannot obtain a token: " + e.getMessage(), e);
    }
    write(credentials, file);
    out.println("added " + describe(token) + " to " + file);
  }

  private static void print(Credentials credentials, PrintStream out) {
    for (Token<? extends TokenIdentifier> token : credentials.getAllTokens()) {
      out.println(describe(token));
    }
  }

  private void renew(File file, PrintStream out) throws CliException {
    Authority authority = new Authorities(env).own();
    Configuration conf = hadoopConf(authority);
    for (Token<?> token : lakeFSTokens(read(file), file)) {
      try {
        long until = token.renew(conf);
        out.println("renewed " + token.getService() + " until " + Instant.ofEpochMilli(until));
      } catch (IOException e) {
        throw ServiceFailures.of(e, authority);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(ExitCode.FAILED, "interrupted while renewing");
      }
    }
  }

  private void cancel(File file, PrintStream out) throws CliException {
    Authority authority = new Authorities(env).own();
    Configuration conf = hadoopConf(authority);
    Credentials credentials = read(file);
    List<Token<?>> cancelled = lakeFSTokens(credentials, file);
    for (Token<?> token : cancelled) {
      try {
        token.cancel(conf);
      } catch (IOException e) {
        throw ServiceFailures.of(e, authority);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(ExitCode.FAILED, "interrupted while cancelling");
      }
      out.println("cancelled " + token.getService());
    }
    Credentials kept = new Credentials();
    credentials.getTokenMap().forEach((alias, token) -> {
      if (!cancelled.contains(token)) {
        kept.addToken(alias, token);
      }
    });
    for (Text alias : credentials.getAllSecretKeys()) {
      kept.addSecretKey(alias, credentials.getSecretKey(alias));
    }
    write(kept, file);
  }

  /** The renewer's and canceller's own identity where Hadoop's token code reads it. */
  private static Configuration hadoopConf(Authority authority) {
    Configuration conf = new Configuration(false);
    Optional<LakeFSKeyAuthority> key = authority instanceof KerberosAuthority kerberos ? kerberos.key()
        : Optional.of((LakeFSKeyAuthority) authority);
    key.ifPresent(k -> k.addTo(conf));
    return conf;
  }

  private static List<Token<?>> lakeFSTokens(Credentials credentials, File file) throws CliException {
    List<Token<?>> tokens = credentials.getAllTokens().stream()
        .filter(token -> TokenKinds.LAKEFS_STS.equals(token.getKind().toString()))
        .collect(Collectors.toList());
    if (tokens.isEmpty()) {
      throw new CliException(ExitCode.NOT_CONFIGURED, file + " holds no " + TokenKinds.LAKEFS_STS
          + " token; obtain one with `lakefs-sts token get`");
    }
    return tokens;
  }

  private static String describe(Token<? extends TokenIdentifier> token) {
    Optional<LakeFSTokenIdentifier> identifier = LakeFSTokens.decode(token);
    return token.getKind() + " " + token.getService() + " "
        + identifier.map(Object::toString).orElse("(not a lakeFS token: not shown)");
  }

  private static Credentials read(File file) throws CliException {
    try {
      return Credentials.readTokenStorageFile(file, new Configuration(false));
    } catch (IOException e) {
      throw new CliException(ExitCode.NOT_CONFIGURED, "cannot read the token file " + file + " ("
          + e.getClass().getSimpleName() + "); check the path, or obtain a token with `lakefs-sts token get`");
    }
  }

  /** As dtutil writes (protobuf), through a 0600 file moved into place: a token file authenticates. */
  private static void write(Credentials credentials, File file) throws CliException {
    Path target = file.toPath().toAbsolutePath();
    try {
      Path temporary = Files.createTempFile(target.getParent(), ".lakefs-sts-token-", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        try (OutputStream stream = Files.newOutputStream(temporary);
            DataOutputStream data = new DataOutputStream(stream)) {
          credentials.writeTokenStorageToStream(data, Credentials.SerializedFormat.PROTOBUF);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.FAILED, "cannot write the token file " + file + " (" + e.getMessage() + ")");
    }
  }
}
