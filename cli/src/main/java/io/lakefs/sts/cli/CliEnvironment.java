package io.lakefs.sts.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the environment tells {@code lakefs-sts}, read once from the variables in {@link CliKeys} and the home
 * directory. Immutable; tests hand in their own map.
 */
final class CliEnvironment {
  private final Map<String, String> variables;
  private final Path home;

  CliEnvironment(Map<String, String> variables, Path home) {
    this.variables = Map.copyOf(variables);
    this.home = home;
  }

  /** The process's own environment and {@code user.home}. */
  static CliEnvironment current() {
    return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** {@link CliKeys#ENDPOINTS}, parsed; empty when unset. */
  List<URI> endpoints() throws CliException {
    Optional<String> value = get(CliKeys.ENDPOINTS);
    return value.isEmpty() ? List.of() : parseEndpoints(List.of(value.get().split(",")), CliKeys.ENDPOINTS);
  }

  /** URLs as given on the command line or in {@code source}; a trailing slash is dropped. */
  static List<URI> parseEndpoints(List<String> values, String source) throws CliException {
    List<URI> endpoints = new ArrayList<>();
    for (String value : values) {
      String text = value.trim();
      if (text.isEmpty()) {
        continue;
      }
      try {
        URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          throw new URISyntaxException(text, "not an http(s)://host[:port] URL");
        }
        endpoints.add(uri);
      } catch (URISyntaxException e) {
        throw new CliException(ExitCode.USAGE, "credentials-service endpoint '" + text + "' in " + source
            + " is not an http(s)://host[:port] URL; fix it (e.g. https://lakefs-sts.example.com:8765)");
      }
    }
    return endpoints;
  }

  Path lakectlConfigFile() {
    return home.resolve(CliKeys.LAKECTL_CONFIG_FILE_NAME);
  }

  Path cacheDir() {
    return get(CliKeys.CACHE_DIR).map(Path::of)
        .orElseGet(() -> get(CliKeys.XDG_CACHE_HOME).map(Path::of).orElse(home.resolve(".cache"))
            .resolve("lakefs-sts"));
  }

  Duration refreshMargin() throws CliException {
    Optional<String> value = get(CliKeys.REFRESH_MARGIN_SECONDS);
    if (value.isEmpty()) {
      return CliKeys.DEFAULT_REFRESH_MARGIN;
    }
    try {
      long seconds = Long.parseLong(value.get());
      if (seconds >= 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new CliException(ExitCode.USAGE, CliKeys.REFRESH_MARGIN_SECONDS + " is '" + value.get()
        + "'; set it to a whole number of seconds, 0 or more");
  }

  /**
   * Kerberos's ticket cache, when there is one: {@code KRB5CCNAME} ({@code FILE:} paths are checked; other cache
   * types are taken as present), else {@code /tmp/krb5cc_UID}.
   */
  boolean hasTicketCache(long uid) {
    Optional<String> name = get(CliKeys.KRB5CCNAME);
    if (name.isPresent()) {
      String value = name.get();
      if (value.startsWith("FILE:")) {
        return Path.of(value.substring("FILE:".length())).toFile().isFile();
      }
      return value.contains(":") || Path.of(value).toFile().isFile();
    }
    return uid >= 0 && Path.of("/tmp/krb5cc_" + uid).toFile().isFile();
  }
}
