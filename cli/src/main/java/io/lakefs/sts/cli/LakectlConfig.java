package io.lakefs.sts.cli;

import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The lakeFS key as lakectl itself finds it: its variables ({@code LAKECTL_CREDENTIALS_ACCESS_KEY_ID},
 * {@code LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY}, {@code LAKECTL_SERVER_ENDPOINT_URL}) over its file
 * {@code ~/.lakectl.yaml} ({@code credentials.access_key_id}, {@code credentials.secret_access_key},
 * {@code server.endpoint_url}), key by key as lakectl's viper does. A user with lakectl set up configures nothing.
 */
record LakectlConfig(Optional<String> accessKeyId, Optional<Secret> secretAccessKey,
    Optional<String> endpointUrl, String source) {

  static LakectlConfig read(CliEnvironment env) throws CliException {
    Path file = env.lakectlConfigFile();
    Map<String, Object> yaml = Files.isRegularFile(file) ? parse(file) : Map.of();
    Optional<String> fileId = text(yaml, "credentials", "access_key_id");
    Optional<String> fileSecret = text(yaml, "credentials", "secret_access_key");
    Optional<String> envId = env.get(CliKeys.LAKECTL_ACCESS_KEY_ID);
    Optional<String> envSecret = env.get(CliKeys.LAKECTL_SECRET_ACCESS_KEY);
    String source = envId.isPresent() ? CliKeys.LAKECTL_ACCESS_KEY_ID + " / " + CliKeys.LAKECTL_SECRET_ACCESS_KEY
        : file.toString();
    return new LakectlConfig(envId.or(() -> fileId), envSecret.or(() -> fileSecret).map(Secret::of),
        env.get(CliKeys.LAKECTL_ENDPOINT_URL).or(() -> text(yaml, "server", "endpoint_url")), source);
  }

  private static Map<String, Object> parse(Path file) throws CliException {
    try (Reader reader = Files.newBufferedReader(file)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      if (root == null) {
        return Map.of();
      }
      if (!(root instanceof Map)) {
        throw new YAMLException("the top level is not a mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) root;
      return map;
    } catch (IOException | YAMLException e) {
      // The parser's message may quote the file's lines, secret included: name the file and the kind of fault only.
      throw new CliException(ExitCode.NOT_CONFIGURED, "cannot read lakectl's configuration " + file + " ("
          + e.getClass().getSimpleName() + "); fix it with `lakectl config`, or set " + CliKeys.LAKECTL_ACCESS_KEY_ID
          + " and " + CliKeys.LAKECTL_SECRET_ACCESS_KEY);
    }
  }

  private static Optional<String> text(Map<String, Object> yaml, String section, String key) {
    Object inner = yaml.get(section);
    if (inner instanceof Map<?, ?> map && map.get(key) != null) {
      String value = map.get(key).toString().trim();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "LakectlConfig{accessKeyId=" + accessKeyId.orElse("none") + ", endpointUrl=" + endpointUrl.orElse("none")
        + ", source=" + source + "}";
  }
}
