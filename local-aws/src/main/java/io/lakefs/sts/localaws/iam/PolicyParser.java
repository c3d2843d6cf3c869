package io.lakefs.sts.localaws.iam;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JSON of an identity or session policy into statements, refusing what IAM refuses. Each
 * message starts with IAM's own wording (so it reads like the real service) and then says where the
 * problem is and how to fix it.
 */
final class PolicyParser {
  static final String VERSION_2012 = "2012-10-17";
  static final String VERSION_2008 = "2008-10-17";

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Set<String> POLICY_ELEMENTS = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_ELEMENTS = Set.of(
      "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");
  private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");
  private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9*?-]+:[^:\\s]+");
  private static final String SYNTAX_ERRORS = "Syntax errors in policy.";

  /** The effective language version: IAM reads a policy without one as 2008-10-17. */
  private final String version;

  private PolicyParser(String version) {
    this.version = version;
  }

  /** A parsed policy's parts. */
  record Parsed(Optional<String> version, Optional<String> id, List<Statement> statements) {
  }

  static Parsed parse(String json) throws MalformedPolicyException {
    if (json == null || json.isBlank()) {
      throw new MalformedPolicyException(SYNTAX_ERRORS + " The policy document is empty; pass a JSON object"
          + " with a Statement array.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new MalformedPolicyException(SYNTAX_ERRORS + " The policy is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPolicyException(SYNTAX_ERRORS + " A policy must be a JSON object such as"
          + " {\"Version\": \"2012-10-17\", \"Statement\": [...]}.");
    }
    for (String name : root.propertyNames()) {
      if (!POLICY_ELEMENTS.contains(name)) {
        throw new MalformedPolicyException(SYNTAX_ERRORS + " Unknown policy element \"" + name
            + "\"; a policy has only Version, Id and Statement (names are case-sensitive).");
      }
    }
    Optional<String> declaredVersion = Optional.empty();
    if (root.has("Version")) {
      JsonNode v = root.get("Version");
      if (!v.isString() || !(v.stringValue().equals(VERSION_2012) || v.stringValue().equals(VERSION_2008))) {
        throw new MalformedPolicyException("The policy failed legacy parsing. Version must be \"" + VERSION_2012
            + "\" (or the legacy \"" + VERSION_2008 + "\"), was " + v + ".");
      }
      declaredVersion = Optional.of(v.stringValue());
    }
    Optional<String> id = Optional.empty();
    if (root.has("Id")) {
      if (!root.get("Id").isString()) {
        throw new MalformedPolicyException(SYNTAX_ERRORS + " Id must be a string, was " + root.get("Id") + ".");
      }
      id = Optional.of(root.get("Id").stringValue());
    }
    List<Statement> statements = new PolicyParser(declaredVersion.orElse(VERSION_2008))
        .parseStatements(root.get("Statement"));
    return new Parsed(declaredVersion, id, statements);
  }

  private List<Statement> parseStatements(JsonNode statementNode) throws MalformedPolicyException {
    List<JsonNode> statementNodes = new ArrayList<>();
    if (statementNode == null || statementNode.isNull()) {
      throw new MalformedPolicyException("Missing required field Statement. Add a Statement array with at least"
          + " one statement.");
    } else if (statementNode.isObject()) {
      statementNodes.add(statementNode);
    } else if (statementNode.isArray()) {
      statementNode.values().forEach(statementNodes::add);
    } else {
      throw new MalformedPolicyException(SYNTAX_ERRORS + " Statement must be an object or an array of objects,"
          + " was " + statementNode + ".");
    }
    if (statementNodes.isEmpty()) {
      throw new MalformedPolicyException("Missing required field Statement. The Statement array is empty; add at"
          + " least one statement.");
    }
    List<Statement> statements = new ArrayList<>();
    Set<String> sids = new HashSet<>();
    for (int i = 0; i < statementNodes.size(); i++) {
      Statement statement = parseStatement(statementNodes.get(i), "statement " + (i + 1));
      if (statement.sid().isPresent() && !statement.sid().get().isEmpty() && !sids.add(statement.sid().get())) {
        throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique. Sid \""
            + statement.sid().get() + "\" is used twice; rename one.");
      }
      statements.add(statement);
    }
    return List.copyOf(statements);
  }

  private Statement parseStatement(JsonNode node, String where) throws MalformedPolicyException {
    if (!node.isObject()) {
      throw new MalformedPolicyException(SYNTAX_ERRORS + " In " + where + ": a statement must be a JSON object,"
          + " was " + node + ".");
    }
    Optional<String> sid = Optional.empty();
    if (node.has("Sid")) {
      JsonNode s = node.get("Sid");
      if (!s.isString() || !SID.matcher(s.stringValue()).matches()) {
        throw new MalformedPolicyException("Statement IDs (SID) must be alpha-numeric. Check that your input"
            + " satisfies the regular expression [0-9A-Za-z]*. In " + where + ", Sid was " + s + ".");
      }
      sid = Optional.of(s.stringValue());
      where = where + " (Sid \"" + s.stringValue() + "\")";
    }
    for (String name : node.propertyNames()) {
      if (!STATEMENT_ELEMENTS.contains(name)) {
        throw new MalformedPolicyException(SYNTAX_ERRORS + " Unknown element \"" + name + "\" in " + where
            + "; a statement has only Sid, Effect, Action or NotAction, Resource or NotResource, and Condition"
            + " (names are case-sensitive).");
      }
    }
    if (node.has("Principal") || node.has("NotPrincipal")) {
      throw new MalformedPolicyException("Policy document should not specify a principal. Remove Principal /"
          + " NotPrincipal from " + where + ": identity and session policies apply to the caller.");
    }
    Statement.Effect effect = parseEffect(node.get("Effect"), where);
    Statement.Patterns actions = parsePatterns(node, "Action", "NotAction", "actions", where,
        this::checkAction, Wildcard::ignoringCase);
    Statement.Patterns resources = parsePatterns(node, "Resource", "NotResource", "resources", where,
        this::checkResource, Wildcard::caseSensitive);
    List<Condition> conditions = node.has("Condition")
        ? parseConditions(node.get("Condition"), where)
        : List.of();
    return new Statement(sid, effect, actions, resources, conditions);
  }

  private static Statement.Effect parseEffect(JsonNode effect, String where) throws MalformedPolicyException {
    if (effect == null) {
      throw new MalformedPolicyException("Missing required field Effect. Add \"Effect\": \"Allow\" or \"Deny\" to "
          + where + ".");
    }
    if (effect.isString() && effect.stringValue().equals("Allow")) {
      return Statement.Effect.ALLOW;
    }
    if (effect.isString() && effect.stringValue().equals("Deny")) {
      return Statement.Effect.DENY;
    }
    throw new MalformedPolicyException("Invalid effect: " + (effect.isString() ? effect.stringValue() : effect)
        + ". In " + where + ", Effect must be \"Allow\" or \"Deny\", spelled exactly so.");
  }

  @FunctionalInterface
  private interface Check {
    void check(String value, String where) throws MalformedPolicyException;
  }

  private Statement.Patterns parsePatterns(JsonNode statement, String element, String notElement, String noun,
      String where, Check check, Function<String, Wildcard> compile) throws MalformedPolicyException {
    boolean positive = statement.has(element);
    boolean negative = statement.has(notElement);
    if (positive == negative) {
      throw new MalformedPolicyException("Policy statement must contain " + noun + ". In " + where
          + ", give exactly one of " + element + " or " + notElement + " (found " + (positive ? "both" : "neither")
          + ").");
    }
    String name = positive ? element : notElement;
    List<String> values = strings(statement.get(name), name, where);
    if (values.isEmpty()) {
      throw new MalformedPolicyException("Policy statement must contain " + noun + ". In " + where + ", " + name
          + " is an empty list.");
    }
    List<Wildcard> patterns = new ArrayList<>();
    for (String value : values) {
      check.check(value, where);
      patterns.add(compile.apply(value));
    }
    return new Statement.Patterns(negative, patterns);
  }

  private void checkAction(String action, String where) throws MalformedPolicyException {
    if (!ACTION.matcher(action).matches()) {
      throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
          + " In " + where + ", \"" + action + "\" is not \"*\" or \"service:Action\" such as \"s3:GetObject\".");
    }
  }

  private void checkResource(String resource, String where) throws MalformedPolicyException {
    if (!resource.equals("*") && !(resource.startsWith("arn:") && resource.split(":", -1).length >= 6)) {
      throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\". In " + where
          + ", write S3 resources as arn:aws:s3:::bucket or arn:aws:s3:::bucket/key-prefix*.");
    }
    checkNoPolicyVariable(resource, "Resource", where);
  }

  private List<Condition> parseConditions(JsonNode block, String where) throws MalformedPolicyException {
    if (!block.isObject()) {
      throw new MalformedPolicyException(SYNTAX_ERRORS + " Condition in " + where + " must be an object of"
          + " {\"Operator\": {\"key\": value(s)}}, was " + block + ".");
    }
    List<Condition> conditions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> byOperator : block.properties()) {
      String operatorName = byOperator.getKey();
      boolean ifExists = operatorName.endsWith(ConditionOperator.IF_EXISTS);
      String baseName = ifExists
          ? operatorName.substring(0, operatorName.length() - ConditionOperator.IF_EXISTS.length())
          : operatorName;
      ConditionOperator operator = ConditionOperator.named(baseName)
          .filter(op -> !(ifExists && op == ConditionOperator.NULL))
          .orElseThrow(() -> unknownOperator(operatorName, baseName, where));
      JsonNode keys = byOperator.getValue();
      if (!keys.isObject() || keys.isEmpty()) {
        throw new MalformedPolicyException(SYNTAX_ERRORS + " Condition operator " + operatorName + " in " + where
            + " must map at least one condition key to its value(s), was " + keys + ".");
      }
      for (Map.Entry<String, JsonNode> byKey : keys.properties()) {
        String key = byKey.getKey();
        if (!key.contains(":")) {
          throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2,"
              + " etc. Condition key \"" + key + "\" in " + where + " needs a prefix such as s3: or aws:.");
        }
        List<String> values = conditionValues(byKey.getValue(), operatorName, key, where);
        if (operator.comparison() == ConditionOperator.Comparison.BOOLEAN
            || operator.comparison() == ConditionOperator.Comparison.PRESENCE) {
          for (String value : values) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
              throw new MalformedPolicyException("Invalid Condition value for " + operatorName + ": " + value
                  + ". In " + where + ", " + operatorName + " on " + key + " takes true or false.");
            }
          }
        }
        conditions.add(new Condition(operator, ifExists, key.toLowerCase(Locale.ROOT), values));
      }
    }
    return conditions;
  }

  private static MalformedPolicyException unknownOperator(String name, String baseName, String where) {
    if (ConditionOperator.isValidInIamOnly(baseName) || name.startsWith("ForAllValues:")
        || name.startsWith("ForAnyValue:")) {
      return new MalformedPolicyException("Condition type " + name + " in " + where + " is valid in IAM but"
          + " local-aws does not evaluate it; use one of " + ConditionOperator.supportedNames() + ".");
    }
    return new MalformedPolicyException("Invalid Condition type : " + name + ". In " + where + ", use one of "
        + ConditionOperator.supportedNames() + "; names are case-sensitive.");
  }

  private List<String> conditionValues(JsonNode node, String operator, String key, String where)
      throws MalformedPolicyException {
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.values().forEach(items::add);
    } else {
      items.add(node);
    }
    if (items.isEmpty()) {
      throw new MalformedPolicyException(SYNTAX_ERRORS + " " + operator + " on " + key + " in " + where
          + " has an empty list of values; give at least one.");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : items) {
      // IAM accepts unquoted booleans and numbers (e.g. "Bool": {"aws:SecureTransport": false}).
      if (!(item.isString() || item.isBoolean() || item.isNumber())) {
        throw new MalformedPolicyException(SYNTAX_ERRORS + " " + operator + " on " + key + " in " + where
            + " must have a string, number or boolean value (or an array of them), was " + item + ".");
      }
      String value = item.asString();
      checkNoPolicyVariable(value, operator + " " + key, where);
      values.add(value);
    }
    return values;
  }

  private static List<String> strings(JsonNode node, String element, String where) throws MalformedPolicyException {
    List<String> values = new ArrayList<>();
    if (node.isString()) {
      values.add(node.stringValue());
      return values;
    }
    if (node.isArray()) {
      for (JsonNode item : node.values()) {
        if (!item.isString()) {
          throw new MalformedPolicyException(SYNTAX_ERRORS + " " + element + " in " + where + " must hold only"
              + " strings, found " + item + ".");
        }
        values.add(item.stringValue());
      }
      return values;
    }
    throw new MalformedPolicyException(SYNTAX_ERRORS + " " + element + " in " + where + " must be a string or an"
        + " array of strings, was " + node + ".");
  }

  /**
   * Under Version 2012-10-17 IAM substitutes ${...} variables at evaluation time. We do not, so such a policy
   * would silently mean something else here: refuse it instead. Under 2008-10-17 ${ is literal text.
   */
  private void checkNoPolicyVariable(String value, String element, String where) throws MalformedPolicyException {
    if (version.equals(VERSION_2012) && value.contains("${")) {
      throw new MalformedPolicyException("Policy variable in " + element + " \"" + value + "\" of " + where
          + ": local-aws does not substitute policy variables such as ${aws:username}; write the value out.");
    }
  }
}
