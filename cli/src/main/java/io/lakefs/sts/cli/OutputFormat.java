package io.lakefs.sts.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakefs.sts.protocol.CredentialsAnswer;
import java.util.Locale;

/** How {@code lakefs-sts credentials} prints credentials (they go to standard output only). */
enum OutputFormat {
  /** The AWS SDKs' {@code credential_process} contract: Version 1, the keys, Expiration in ISO-8601. */
  CREDENTIAL_PROCESS,
  /** {@code export AWS_...=...} lines for {@code eval "$(lakefs-sts credentials ... --format env)"}. */
  ENV,
  /** The credentials service's own answer, with the session name, source identity and scope. */
  JSON;

  String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static OutputFormat parse(String value) throws CliException {
    for (OutputFormat format : values()) {
      if (format.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new CliException(ExitCode.USAGE, "--format is '" + value + "'; use credential-process, env or json");
  }

  String render(CredentialsAnswer credentials, ObjectMapper json) throws JsonProcessingException {
    switch (this) {
      case CREDENTIAL_PROCESS: {
        ObjectNode out = json.createObjectNode();
        out.put("Version", 1);
        out.put("AccessKeyId", credentials.accessKeyId());
        out.put("SecretAccessKey", credentials.secretAccessKey().reveal());
        out.put("SessionToken", credentials.sessionToken().reveal());
        out.put("Expiration", credentials.expiration().toString());
        return json.writeValueAsString(out) + "\n";
      }
      case ENV:
        return "export AWS_ACCESS_KEY_ID=" + quoted(credentials.accessKeyId()) + "\n"
            + "export AWS_SECRET_ACCESS_KEY=" + quoted(credentials.secretAccessKey().reveal()) + "\n"
            + "export AWS_SESSION_TOKEN=" + quoted(credentials.sessionToken().reveal()) + "\n"
            + "export AWS_CREDENTIAL_EXPIRATION=" + quoted(credentials.expiration().toString()) + "\n";
      default:
        return json.writeValueAsString(credentials.toJson()) + "\n";
    }
  }

  /** Single-quoted for a POSIX shell. */
  private static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
