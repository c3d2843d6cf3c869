package io.lakefs.sts.localaws.iam;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One parsed, validated policy statement: does it apply to a request, and does it allow or deny. */
final class Statement {
  enum Effect { ALLOW, DENY }

  /** Action or Resource patterns; {@code negated} for NotAction / NotResource. */
  record Patterns(boolean negated, List<Wildcard> patterns) {
    Patterns {
      patterns = List.copyOf(patterns);
    }

    boolean cover(String value) {
      return negated != patterns.stream().anyMatch(p -> p.matches(value));
    }
  }

  private final Optional<String> sid;
  private final Effect effect;
  private final Patterns actions;
  private final Patterns resources;
  private final List<Condition> conditions;

  Statement(Optional<String> sid, Effect effect, Patterns actions, Patterns resources, List<Condition> conditions) {
    this.sid = Objects.requireNonNull(sid, "sid");
    this.effect = Objects.requireNonNull(effect, "effect");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.resources = Objects.requireNonNull(resources, "resources");
    this.conditions = List.copyOf(conditions);
  }

  Optional<String> sid() {
    return sid;
  }

  Effect effect() {
    return effect;
  }

  /** @param context condition keys in a map whose lookups ignore case */
  boolean appliesTo(String action, String resourceArn, Map<String, String> context) {
    return actions.cover(action) && resources.cover(resourceArn)
        && conditions.stream().allMatch(c -> c.holds(context));
  }

  @Override
  public String toString() {
    return "Statement{" + sid.map(s -> "Sid=" + s + ", ").orElse("") + effect
        + (actions.negated() ? ", NotAction=" : ", Action=") + actions.patterns()
        + (resources.negated() ? ", NotResource=" : ", Resource=") + resources.patterns()
        + (conditions.isEmpty() ? "" : ", Condition=" + conditions) + "}";
  }
}
