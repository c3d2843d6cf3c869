package io.lakefs.sts.service.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A deliberately small IAM evaluator for the tests: Allow statements with Action, Resource and a
 * StringLike condition on s3:prefix, matched as AWS documents ('*' any run of characters, including none;
 * '?' one character; a condition on a key the request lacks does not match). Anything else in the policy
 * fails the test rather than being ignored, so the evaluator cannot be more permissive than IAM by accident.
 */
final class PolicyEvaluator {
  /** One statement, parsed once; {@code prefixes} is null when the statement has no condition. */
  private record Rule(List<Pattern> actions, List<Pattern> resources, List<Pattern> prefixes) {}

  private final List<Rule> rules = new ArrayList<>();

  PolicyEvaluator(String json) {
    JsonNode policy;
    try {
      policy = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!"2012-10-17".equals(policy.path("Version").asText())) {
      throw new AssertionError("unexpected Version in " + json);
    }
    for (JsonNode statement : policy.get("Statement")) {
      for (Iterator<String> fields = statement.fieldNames(); fields.hasNext(); ) {
        String field = fields.next();
        if (!List.of("Effect", "Action", "Resource", "Condition").contains(field)) {
          throw new AssertionError("evaluator does not know statement field " + field);
        }
      }
      if (!"Allow".equals(statement.get("Effect").asText())) {
        throw new AssertionError("evaluator knows only Allow statements: " + statement);
      }
      rules.add(new Rule(globs(statement.get("Action"), true), globs(statement.get("Resource"), false),
          prefixCondition(statement.get("Condition"))));
    }
  }

  /** Whether one request is allowed: {@code s3Prefix} is the listing prefix, or null when the request has none. */
  boolean allows(String action, String resourceArn, String s3Prefix) {
    String lowerAction = action.toLowerCase(Locale.ROOT);
    for (Rule rule : rules) {
      if (matchesAny(rule.actions(), lowerAction) && matchesAny(rule.resources(), resourceArn)
          && (rule.prefixes() == null || (s3Prefix != null && matchesAny(rule.prefixes(), s3Prefix)))) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> prefixCondition(JsonNode condition) {
    if (condition == null) {
      return null;
    }
    List<Pattern> prefixes = null;
    for (Iterator<Map.Entry<String, JsonNode>> operators = condition.fields(); operators.hasNext(); ) {
      Map.Entry<String, JsonNode> operator = operators.next();
      if (!operator.getKey().equals("StringLike") || operator.getValue().size() != 1
          || !operator.getValue().has("s3:prefix") || prefixes != null) {
        throw new AssertionError("evaluator knows only one StringLike on s3:prefix: " + condition);
      }
      prefixes = globs(operator.getValue().get("s3:prefix"), false);
    }
    return prefixes;
  }

  private static boolean matchesAny(List<Pattern> patterns, String value) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> globs(JsonNode patterns, boolean ignoreCase) {
    List<Pattern> globs = new ArrayList<>();
    for (JsonNode node : patterns.isArray() ? patterns : List.of(patterns)) {
      String pattern = node.asText();
      if (pattern.contains("${")) {
        throw new AssertionError("evaluator does not expand policy variables: " + pattern);
      }
      globs.add(glob(ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern));
    }
    return globs;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
