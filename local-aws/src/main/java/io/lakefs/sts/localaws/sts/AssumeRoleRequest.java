package io.lakefs.sts.localaws.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one AssumeRole call, read from the Query-protocol form and checked against the input
 * constraints of the STS API reference (AssumeRole, Tag): lengths, patterns and ranges, all reported
 * together as AWS does. Rules that need the role or the caller are {@link AssumeRoleAction}'s.
 */
record AssumeRoleRequest(
    String roleArn,
    String roleSessionName,
    OptionalInt durationSeconds,
    Optional<String> policy,
    Optional<String> sourceIdentity,
    List<Tag> tags,
    List<String> transitiveTagKeys,
    Optional<String> externalId) {

  record Tag(String key, String value) {
  }

  static final int MIN_DURATION_SECONDS = 900;
  static final int MAX_DURATION_SECONDS = 43200;
  static final int MAX_TAGS = 50;

  // Patterns as the STS API reference prints them (Java's \w is ASCII-only, like AWS's).
  private static final Pattern ARN_CHARS = Pattern.compile(
      "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]+");
  private static final Pattern NAME_CHARS = Pattern.compile("[\\w+=,.@-]*");
  private static final Pattern POLICY_CHARS = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  private static final Pattern EXTERNAL_ID_CHARS = Pattern.compile("[\\w+=,.@:\\/-]*");
  private static final Pattern TAG_KEY_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  private static final Pattern TAG_VALUE_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  private static final Pattern TAG_MEMBER = Pattern.compile("Tags\\.member\\.(\\d{1,9})\\.(Key|Value)");
  private static final Pattern TRANSITIVE_MEMBER = Pattern.compile("TransitiveTagKeys\\.member\\.(\\d{1,9})");

  AssumeRoleRequest {
    tags = List.copyOf(tags);
    transitiveTagKeys = List.copyOf(transitiveTagKeys);
  }

  static AssumeRoleRequest parse(Map<String, String> parameters) throws StsError {
    refuseUnmodelled(parameters);
    ValidationErrors errors = new ValidationErrors();
    String roleArn = parameters.get("RoleArn");
    errors.checkString("roleArn", roleArn, true, 20, 2048, ARN_CHARS, true);
    String sessionName = parameters.get("RoleSessionName");
    errors.checkString("roleSessionName", sessionName, true, 2, 64, NAME_CHARS, true);
    OptionalInt duration = duration(parameters.get("DurationSeconds"), errors);
    String policy = parameters.get("Policy");
    // The policy text is not echoed: it can be 2048 characters long.
    errors.checkString("policy", policy, false, 1, 2048, POLICY_CHARS, false);
    String sourceIdentity = parameters.get("SourceIdentity");
    errors.checkString("sourceIdentity", sourceIdentity, false, 2, 64, NAME_CHARS, true);
    String externalId = parameters.get("ExternalId");
    // Nor is the external id: it is a shared value between the role's owner and its caller.
    errors.checkString("externalId", externalId, false, 2, 1224, EXTERNAL_ID_CHARS, false);
    List<Tag> tags = tags(parameters, errors);
    List<String> transitive = transitiveTagKeys(parameters, errors);
    errors.throwIfAny();
    return new AssumeRoleRequest(roleArn, sessionName, duration, Optional.ofNullable(policy),
        Optional.ofNullable(sourceIdentity), tags, transitive, Optional.ofNullable(externalId));
  }

  /** Parameters of AssumeRole that local-aws has no model for: refused plainly rather than ignored. */
  private static void refuseUnmodelled(Map<String, String> parameters) throws StsError {
    for (String name : parameters.keySet()) {
      if (name.startsWith("PolicyArns")) {
        throw StsError.validation("local-aws does not model managed session policies (PolicyArns); pass the"
            + " statements as an inline Policy instead");
      }
      if (name.equals("SerialNumber") || name.equals("TokenCode")) {
        throw StsError.validation("local-aws does not model MFA (SerialNumber/TokenCode); call AssumeRole"
            + " without them");
      }
      if (name.startsWith("ProvidedContexts")) {
        throw StsError.validation("local-aws does not model trusted context providers (ProvidedContexts)");
      }
    }
  }

  private static OptionalInt duration(String text, ValidationErrors errors) {
    if (text == null) {
      return OptionalInt.empty();
    }
    long seconds;
    try {
      seconds = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      errors.add("Value '" + text + "'", "durationSeconds", "Member must be an integer");
      return OptionalInt.empty();
    }
    if (seconds < MIN_DURATION_SECONDS) {
      errors.add("Value '" + seconds + "'", "durationSeconds",
          "Member must have value greater than or equal to " + MIN_DURATION_SECONDS);
    } else if (seconds > MAX_DURATION_SECONDS) {
      errors.add("Value '" + seconds + "'", "durationSeconds",
          "Member must have value less than or equal to " + MAX_DURATION_SECONDS);
    } else {
      return OptionalInt.of((int) seconds);
    }
    return OptionalInt.empty();
  }

  /** Tags.member.N.Key / Tags.member.N.Value, in N order; an empty "Tags=" is an empty list. */
  private static List<Tag> tags(Map<String, String> parameters, ValidationErrors errors) {
    TreeMap<Integer, String[]> byIndex = new TreeMap<>();
    parameters.forEach((name, value) -> {
      Matcher m = TAG_MEMBER.matcher(name);
      if (m.matches()) {
        String[] pair = byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new String[2]);
        pair[m.group(2).equals("Key") ? 0 : 1] = value;
      }
    });
    if (byIndex.size() > MAX_TAGS) {
      errors.add("Value '" + byIndex.size() + " tags'", "tags", "Member must have length less than or equal to "
          + MAX_TAGS);
    }
    List<Tag> tags = new ArrayList<>();
    byIndex.forEach((index, pair) -> {
      errors.checkString("tags." + index + ".member.key", pair[0], true, 1, 128, TAG_KEY_CHARS, true);
      errors.checkString("tags." + index + ".member.value", pair[1], true, 0, 256, TAG_VALUE_CHARS, true);
      if (pair[0] != null && pair[1] != null) {
        tags.add(new Tag(pair[0], pair[1]));
      }
    });
    return tags;
  }

  private static List<String> transitiveTagKeys(Map<String, String> parameters, ValidationErrors errors) {
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    parameters.forEach((name, value) -> {
      Matcher m = TRANSITIVE_MEMBER.matcher(name);
      if (m.matches()) {
        byIndex.put(Integer.parseInt(m.group(1)), value);
      }
    });
    if (byIndex.size() > MAX_TAGS) {
      errors.add("Value '" + byIndex.size() + " keys'", "transitiveTagKeys",
          "Member must have length less than or equal to " + MAX_TAGS);
    }
    byIndex.forEach((index, key) ->
        errors.checkString("transitiveTagKeys." + index + ".member", key, true, 1, 128, TAG_KEY_CHARS, true));
    return new ArrayList<>(byIndex.values());
  }
}
