package io.lakefs.sts.service.scope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The inline session policy passed to AssumeRole: it limits the role, which reaches every repository, to
 * the granted storage namespaces. Built only by lossless merging, so it never allows more than the grants,
 * and rendered deterministically, so the same grants give byte-identical JSON (usable as a cache key).
 */
public final class SessionPolicy {
  /** STS's limit on the plaintext of an inline session policy, in characters. */
  public static final int MAX_LENGTH = 2048;
  static final String VERSION = "2012-10-17";
  // ObjectWriter is immutable and thread-safe; its default output is minified.
  private static final ObjectWriter JSON = new ObjectMapper().writer();

  private final List<Grant> scope;
  private final String json;

  private SessionPolicy(List<Grant> scope, String json) {
    this.scope = scope;
    this.json = json;
  }

  /**
   * @throws IllegalArgumentException when {@code grants} is empty
   * @throws SessionPolicyTooLargeException when even the merged policy exceeds {@link #MAX_LENGTH}
   */
  public static SessionPolicy forGrants(Collection<Grant> grants) {
    Objects.requireNonNull(grants, "grants");
    if (grants.isEmpty()) {
      throw new IllegalArgumentException("No storage namespace to grant: a session policy needs at least one."
          + " AssumeRole without a session policy would grant the role's full permissions, which reach every"
          + " repository; ask for credentials for at least one repository.");
    }
    List<Grant> scope = CoveringGrants.reduce(grants);
    String json = render(PolicyStatements.of(scope));
    if (json.length() > MAX_LENGTH) {
      long namespaces = grants.stream().map(Grant::location).distinct().count();
      throw new SessionPolicyTooLargeException(MAX_LENGTH, json.length(), (int) namespaces);
    }
    return new SessionPolicy(scope, json);
  }

  /** The minified policy JSON to pass as AssumeRole's {@code Policy}. */
  public String json() {
    return json;
  }

  /**
   * What the credential may reach, for the HTTP answer and the audit log: the grants after dropping those
   * another grant covers, sorted. It allows exactly what the requested grants allowed.
   */
  public List<Grant> scope() {
    return scope;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionPolicy other && json.equals(other.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "SessionPolicy" + scope + " (" + json.length() + " characters)";
  }

  private static String render(List<PolicyStatements.Statement> statements) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode policy = nodes.objectNode();
    policy.put("Version", VERSION);
    ArrayNode statementArray = policy.putArray("Statement");
    for (PolicyStatements.Statement statement : statements) {
      ObjectNode node = statementArray.addObject();
      node.put("Effect", "Allow");
      statement.actions().forEach(node.putArray("Action")::add);
      statement.resources().forEach(node.putArray("Resource")::add);
      if (!statement.listPrefixes().isEmpty()) {
        ArrayNode prefixes = node.putObject("Condition").putObject("StringLike").putArray("s3:prefix");
        for (String prefix : statement.listPrefixes()) {
          // "p/" lists the namespace root and "p/*" everything below. A slash-less "p" is deliberately
          // absent: listing with it would also return keys of siblings such as "p0/" or "p-old/".
          prefixes.add(prefix);
          prefixes.add(prefix + "*");
        }
      }
    }
    try {
      return JSON.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write a JSON tree of strings", e);
    }
  }
}
