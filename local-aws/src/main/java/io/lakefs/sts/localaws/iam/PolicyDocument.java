package io.lakefs.sts.localaws.iam;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An IAM JSON policy (a role's permission policy or an AssumeRole session policy), parsed and validated
 * once, then evaluated by the S3 endpoint for every permission a request needs. Immutable and safe to
 * share between request threads.
 */
public final class PolicyDocument {
  /** How a single policy judges a request: explicit deny wins over allow; no matching allow is NOT_ALLOWED. */
  public enum Decision { ALLOW, EXPLICIT_DENY, NOT_ALLOWED }

  private final String json;
  private final Optional<String> version;
  private final Optional<String> id;
  private final List<Statement> statements;

  private PolicyDocument(String json, PolicyParser.Parsed parsed) {
    this.json = json;
    this.version = parsed.version();
    this.id = parsed.id();
    this.statements = List.copyOf(parsed.statements());
  }

  /** Parses and validates; MalformedPolicyException's message says what is wrong, as IAM's does. */
  public static PolicyDocument parse(String json) throws MalformedPolicyException {
    return new PolicyDocument(json, PolicyParser.parse(json));
  }

  /** The policy text as it was given. */
  public String json() {
    return json;
  }

  /**
   * @param action e.g. "s3:GetObject" (matched case-insensitively)
   * @param resourceArn e.g. "arn:aws:s3:::bucket/key"
   * @param context condition keys such as "s3:prefix" (matched case-insensitively), values as sent
   */
  public Decision evaluate(String action, String resourceArn, Map<String, String> context) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resourceArn, "resourceArn");
    Objects.requireNonNull(context, "context (pass Map.of() when there are no condition keys)");
    Map<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    keys.putAll(context);
    boolean allowed = false;
    for (Statement statement : statements) {
      if (statement.appliesTo(action, resourceArn, keys)) {
        if (statement.effect() == Statement.Effect.DENY) {
          return Decision.EXPLICIT_DENY;
        }
        allowed = true;
      }
    }
    return allowed ? Decision.ALLOW : Decision.NOT_ALLOWED;
  }

  /**
   * What a role session may do: the role's permission policy must allow, the session policy (when
   * present) must allow too, and an explicit deny in either refuses.
   */
  public static boolean isAllowed(PolicyDocument identityPolicy, java.util.Optional<PolicyDocument> sessionPolicy,
      String action, String resourceArn, Map<String, String> context) {
    Objects.requireNonNull(identityPolicy, "identityPolicy");
    Objects.requireNonNull(sessionPolicy, "sessionPolicy");
    Decision identity = identityPolicy.evaluate(action, resourceArn, context);
    Optional<Decision> session = sessionPolicy.map(p -> p.evaluate(action, resourceArn, context));
    if (identity == Decision.EXPLICIT_DENY || session.orElse(Decision.ALLOW) == Decision.EXPLICIT_DENY) {
      return false;
    }
    return identity == Decision.ALLOW && session.orElse(Decision.ALLOW) == Decision.ALLOW;
  }

  /** Short on purpose: policies end up in log lines. {@link #json()} has the full text. */
  @Override
  public String toString() {
    List<String> sids = statements.stream().map(Statement::sid).flatMap(Optional::stream)
        .filter(s -> !s.isEmpty()).toList();
    return "PolicyDocument{" + id.map(i -> "Id=" + i + ", ").orElse("") + "Version=" + version.orElse("-")
        + ", statements=" + statements.size() + (sids.isEmpty() ? "" : ", Sids=" + sids) + "}";
  }
}
