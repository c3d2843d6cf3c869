package io.lakefs.sts.localaws.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One operator and key of a statement's Condition block with the values it accepts, e.g.
 * {@code "StringLike": {"s3:prefix": ["repo1/*", "repo1"]}}. A statement's conditions are ANDed; the
 * values of one condition are ORed (for a negated operator: none may match).
 */
final class Condition {
  private final ConditionOperator operator;
  private final boolean ifExists;
  private final String key;
  private final List<String> values;
  private final List<Wildcard> patterns;

  /**
   * @param key the condition key as written; looked up without regard to case
   * @param values already validated for the operator (for Bool and Null: "true"/"false")
   */
  Condition(ConditionOperator operator, boolean ifExists, String key, List<String> values) {
    this.operator = operator;
    this.ifExists = ifExists;
    this.key = key;
    this.values = switch (operator.comparison()) {
      case IGNORE_CASE, BOOLEAN, PRESENCE -> values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
      case EXACT, LIKE -> List.copyOf(values);
    };
    this.patterns = operator.comparison() == ConditionOperator.Comparison.LIKE
        ? values.stream().map(Wildcard::caseSensitive).toList()
        : List.of();
  }

  /** @param context the request's condition keys, in a map whose lookups ignore case */
  boolean holds(Map<String, String> context) {
    String actual = context.get(key);
    if (operator == ConditionOperator.NULL) {
      String absent = Boolean.toString(actual == null);
      return values.contains(absent);
    }
    if (actual == null) {
      // As IAM documents: an absent key fails positive operators and satisfies negated ones, and
      // ...IfExists means "only check this when the key is there".
      return ifExists || operator.negated();
    }
    boolean anyMatches = anyValueMatches(actual);
    return operator.negated() != anyMatches;
  }

  private boolean anyValueMatches(String actual) {
    return switch (operator.comparison()) {
      case EXACT -> values.contains(actual);
      case IGNORE_CASE, BOOLEAN -> values.contains(actual.toLowerCase(Locale.ROOT));
      case LIKE -> patterns.stream().anyMatch(p -> p.matches(actual));
      case PRESENCE -> throw new IllegalStateException("Null is decided by presence alone");
    };
  }

  @Override
  public String toString() {
    return operator.iamName() + (ifExists ? ConditionOperator.IF_EXISTS : "") + "{" + key + "=" + values + "}";
  }
}
