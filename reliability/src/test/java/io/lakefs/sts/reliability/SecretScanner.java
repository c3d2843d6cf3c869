package io.lakefs.sts.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * R6's scanner: reads every log, audit line, error body and test output the build wrote under the modules'
 * {@code target/} directories and looks for secrets. Known secrets are the string literals the sources give
 * as secrets (constants named {@code *SECRET*} / {@code *PASSWORD*}, hyphenated literals containing "secret"); issued
 * ones are found by their shape (local-aws session tokens, JSON or XML secret fields with a value, login
 * cookies, Basic and token headers echoed). A finding names the file, line and pattern, never the secret.
 */
final class SecretScanner {
  /** Outputs: logs, process output, surefire's output and reports, the harness's own files. */
  private static final Pattern OUTPUT_FILE = Pattern.compile(
      ".*(\\.log|\\.out|-output\\.txt|\\.dumpstream|\\.dump|/TEST-[^/]*\\.xml|/surefire-reports/[^/]*\\.txt|\\.md)$");
  private static final Pattern SECRET_CONSTANT = Pattern.compile(
      "[A-Z_]*(SECRET|PASSWORD|SESSION_TOKEN|SERVICE_TOKEN)[A-Z_]*\\s*=\\s*\"([^\"]{8,})\"");
  /** Test secrets are written as words joined by hyphens ("alice-secret-for-tests-01"). */
  private static final Pattern SECRET_LITERAL = Pattern.compile("\"([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)\"");
  /** What is not a secret though it is named like one: key names, field names, paths, patterns. */
  private static final Pattern NOT_A_SECRET = Pattern.compile(".*[^A-Za-z0-9_-].*|[a-z]+(_[a-z]+)+|[A-Z_]+"
      + "|[a-z]+(-[a-z]+){0,2}");
  static final List<Pattern> ISSUED_SHAPES = List.of(
      Pattern.compile("FwoGZXIvYXdzE[A-Za-z0-9+/]{16,}"),
      Pattern.compile("\"(secret_access_key|session_token|secretAccessKey|sessionToken|SecretAccessKey)\"\\s*:\\s*\"[^\"<*]"),
      Pattern.compile("<(SecretAccessKey|SessionToken)>[^<]"),
      Pattern.compile("u=[^&\"\\s]+&p=[^&\"\\s]+&t=[^&\"\\s]+&e=\\d+&s=[A-Za-z0-9+/=]{8,}"),
      Pattern.compile("(?i)authorization: basic [A-Za-z0-9+/=]{16,}"),
      Pattern.compile("(?i)x-hadoop-delegation-token: [A-Za-z0-9_-]{20,}"),
      Pattern.compile("[A-Za-z0-9&-]+-reliability-secret-must-never-appear"));

  /** One place a secret showed: file, line, and which secret or shape (by number), never the secret itself. */
  record Finding(Path file, int line, String what) {
    @Override
    public String toString() {
      return file + ":" + line + " holds " + what;
    }
  }

  private final Set<String> knownSecrets;

  SecretScanner(Set<String> knownSecrets) {
    this.knownSecrets = Set.copyOf(knownSecrets);
  }

  /** The secrets the sources of every module under {@code root} give as string literals. */
  static Set<String> knownSecretsIn(Path root) throws IOException {
    Set<String> secrets = new LinkedHashSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")
          && f.toString().contains("/src/") && !f.toString().contains("/target/"))::iterator) {
        String source = Files.readString(file);
        Matcher constant = SECRET_CONSTANT.matcher(source);
        while (constant.find()) {
          secrets.add(constant.group(2));
        }
        Matcher literal = SECRET_LITERAL.matcher(source);
        while (literal.find()) {
          if (literal.group(1).toLowerCase(java.util.Locale.ROOT).contains("secret")) {
            secrets.add(literal.group(1));
          }
        }
      }
    }
    secrets.removeIf(secret -> secret.length() < 12 || NOT_A_SECRET.matcher(secret).matches());
    return secrets;
  }

  /** The output files under every {@code target/} directory below {@code root}. */
  static List<Path> outputFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.toString().contains("/target/") && !f.toString().contains("/.git/"))
          .filter(f -> OUTPUT_FILE.matcher(f.toString()).matches())
          .sorted().toList();
    }
  }

  List<Finding> scan(List<Path> files) {
    List<Finding> findings = new ArrayList<>();
    List<String> secrets = List.copyOf(knownSecrets);
    for (Path file : files) {
      List<String> lines = lines(file);
      for (int n = 0; n < lines.size(); n++) {
        String line = lines.get(n);
        for (int s = 0; s < secrets.size(); s++) {
          if (line.contains(secrets.get(s))) {
            findings.add(new Finding(file, n + 1, "known secret #" + s));
          }
        }
        for (int p = 0; p < ISSUED_SHAPES.size(); p++) {
          if (ISSUED_SHAPES.get(p).matcher(line).find()) {
            findings.add(new Finding(file, n + 1, "a secret of shape #" + p + " (" + ISSUED_SHAPES.get(p)
                .pattern().substring(0, Math.min(20, ISSUED_SHAPES.get(p).pattern().length())) + "...)"));
          }
        }
      }
    }
    return findings;
  }

  int knownSecretCount() {
    return knownSecrets.size();
  }

  private static List<String> lines(Path file) {
    try {
      return List.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
