package io.lakefs.sts.service.lakefs.rbac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;

/**
 * How lakeFS reads and matches a statement's {@code resource}: {@code ParsePolicyResourceAsList} (one ARN
 * pattern, or a JSON array of them) and {@code ArnMatch}.
 */
final class Resources {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
  };
  private static final String ALL = "*";
  private static final int ARN_FIELDS = 6;

  private Resources() {
  }

  /**
   * The patterns of a resource field; empty when it starts with {@code [} but is no JSON array of strings,
   * which lakeFS refuses as a whole ({@code CheckDeny}).
   */
  static Optional<List<String>> parse(String resource) {
    if (!resource.strip().startsWith("[")) {
      return Optional.of(List.of(resource));
    }
    try {
      List<String> patterns = JSON.readValue(resource, STRINGS);
      return patterns == null || patterns.contains(null) ? Optional.empty() : Optional.of(List.copyOf(patterns));
    } catch (JsonProcessingException malformed) {
      return Optional.empty();
    }
  }

  /** lakeFS's {@code interpolateUser}: {@code ${user}} stands for the user the check is for. */
  static String interpolateUser(String pattern, String userId) {
    return pattern.replace("${user}", userId);
  }

  /**
   * lakeFS's {@code ArnMatch}: {@code *} matches everything; otherwise both must be
   * {@code arn:lakefs:<service>:<region>:<account>:<resource>} with the same service and account (the
   * region is not compared), and only the resource part may hold wildcards.
   */
  static boolean arnMatches(String pattern, String arn) {
    if (pattern.equals(ALL)) {
      return true;
    }
    String[] source = fields(pattern);
    String[] target = fields(arn);
    if (source == null || target == null) {
      return false;
    }
    return source[2].equals(target[2]) && source[4].equals(target[4])
        && Wildcard.matches(source[5], target[5]);
  }

  /** The six fields of a lakeFS ARN (the resource may hold ':'), or null if it is not one. */
  private static String[] fields(String arn) {
    String[] fields = arn.split(":", ARN_FIELDS);
    if (fields.length < ARN_FIELDS || !fields[0].equals("arn") || !fields[1].equals("lakefs")
        || fields[2].isEmpty() || fields[5].isEmpty()) {
      return null;
    }
    return fields;
  }
}
