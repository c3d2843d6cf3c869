package io.lakefs.sts.localaws.iam;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The IAM condition operators local-aws evaluates; each may also be written with the IfExists suffix, except Null. */
enum ConditionOperator {
  STRING_EQUALS("StringEquals", Comparison.EXACT, false),
  STRING_NOT_EQUALS("StringNotEquals", Comparison.EXACT, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Comparison.IGNORE_CASE, false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Comparison.IGNORE_CASE, true),
  STRING_LIKE("StringLike", Comparison.LIKE, false),
  STRING_NOT_LIKE("StringNotLike", Comparison.LIKE, true),
  BOOL("Bool", Comparison.BOOLEAN, false),
  NULL("Null", Comparison.PRESENCE, false);

  enum Comparison { EXACT, IGNORE_CASE, LIKE, BOOLEAN, PRESENCE }

  static final String IF_EXISTS = "IfExists";

  /**
   * Operators IAM accepts that local-aws does not evaluate. Refused with their own message so a policy
   * author learns it is a gap here, not a typo.
   */
  private static final Set<String> VALID_IN_IAM_ONLY = Set.of(
      "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan",
      "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
      "DateGreaterThan", "DateGreaterThanEquals", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals",
      "ArnNotEquals", "ArnLike", "ArnNotLike");

  private final String iamName;
  private final Comparison comparison;
  private final boolean negated;

  ConditionOperator(String iamName, Comparison comparison, boolean negated) {
    this.iamName = iamName;
    this.comparison = comparison;
    this.negated = negated;
  }

  String iamName() {
    return iamName;
  }

  Comparison comparison() {
    return comparison;
  }

  /** A negated operator holds when no value matches, including when the key is absent. */
  boolean negated() {
    return negated;
  }

  /** The operator named exactly (IAM operator names are case-sensitive), without any IfExists suffix. */
  static Optional<ConditionOperator> named(String name) {
    return Arrays.stream(values()).filter(op -> op.iamName.equals(name)).findFirst();
  }

  static boolean isValidInIamOnly(String nameWithoutIfExists) {
    return VALID_IN_IAM_ONLY.contains(nameWithoutIfExists);
  }

  static String supportedNames() {
    return String.join(", ", Arrays.stream(values()).map(ConditionOperator::iamName).toList())
        + " (each but Null also with the IfExists suffix)";
  }
}
