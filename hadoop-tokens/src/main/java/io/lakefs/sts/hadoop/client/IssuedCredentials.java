package io.lakefs.sts.hadoop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import io.lakefs.sts.hadoop.token.RedactedSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * STS credentials the service issued ({@code POST /api/v1/credentials}): the keys, when they expire, whom
 * they name (session name, source identity = the lakeFS user) and what they reach. {@code toString()} shows
 * no secret.
 */
public final class IssuedCredentials {
  private final String accessKeyId;
  private final RedactedSecret secretAccessKey;
  private final RedactedSecret sessionToken;
  private final Instant expiration;
  private final String sessionName;
  private final String sourceIdentity;
  private final String roleArn;
  private final List<Grant> scope;

  public IssuedCredentials(String accessKeyId, RedactedSecret secretAccessKey, RedactedSecret sessionToken,
      Instant expiration, String sessionName, String sourceIdentity, String roleArn, List<Grant> scope) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey");
    this.sessionToken = requireNonNull(sessionToken, "sessionToken");
    this.expiration = requireNonNull(expiration, "expiration");
    this.sessionName = requireNonNull(sessionName, "sessionName");
    this.sourceIdentity = requireNonNull(sourceIdentity, "sourceIdentity");
    this.roleArn = requireNonNull(roleArn, "roleArn");
    this.scope = List.copyOf(scope);
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public RedactedSecret secretAccessKey() {
    return secretAccessKey;
  }

  public RedactedSecret sessionToken() {
    return sessionToken;
  }

  public Instant expiration() {
    return expiration;
  }

  public String sessionName() {
    return sessionName;
  }

  /** The lakeFS user the credentials act for. */
  public String sourceIdentity() {
    return sourceIdentity;
  }

  public String roleArn() {
    return roleArn;
  }

  public List<Grant> scope() {
    return scope;
  }

  /**
   * Reads the service's answer ({@code access_key_id}, {@code secret_access_key}, {@code session_token},
   * {@code expiration} in epoch seconds, {@code session_name}, {@code source_identity}, {@code role_arn},
   * {@code scope}).
   *
   * @throws IllegalArgumentException naming the missing field (never a value) when it is not such an answer
   */
  public static IssuedCredentials fromServiceJson(JsonNode answer) {
    List<Grant> scope = new ArrayList<>();
    for (JsonNode grant : answer.path("scope")) {
      scope.add(new Grant(grant.path("location").asText(), grant.path("access").asText()));
    }
    String accessKeyId = answer.path("access_key_id").asText("");
    String secret = answer.path("secret_access_key").asText("");
    if (accessKeyId.isEmpty() || secret.isEmpty() || !answer.path("expiration").canConvertToLong()) {
      throw new IllegalArgumentException("the answer lacks access_key_id, secret_access_key or expiration");
    }
    return new IssuedCredentials(accessKeyId, RedactedSecret.of(secret),
        RedactedSecret.of(answer.path("session_token").asText("")),
        Instant.ofEpochSecond(answer.get("expiration").asLong()), answer.path("session_name").asText(""),
        answer.path("source_identity").asText(""), answer.path("role_arn").asText(""), scope);
  }

  /** The service's answer again, secrets included: for whoever asked for them (the {@code lakefs-sts} command). */
  public ObjectNode toServiceJson(ObjectMapper json) {
    ObjectNode answer = json.createObjectNode();
    answer.put("access_key_id", accessKeyId);
    answer.put("secret_access_key", secretAccessKey.reveal());
    answer.put("session_token", sessionToken.reveal());
    answer.put("expiration", expiration.getEpochSecond());
    answer.put("session_name", sessionName);
    answer.put("source_identity", sourceIdentity);
    answer.put("role_arn", roleArn);
    for (Grant grant : scope) {
      answer.withArray("scope").addObject().put("location", grant.location()).put("access", grant.access());
    }
    return answer;
  }

  /** The same keys in the form a {@code LAKEFS_STS} token carries them. */
  public EmbeddedStsCredentials toEmbedded() {
    return new EmbeddedStsCredentials(accessKeyId, secretAccessKey, sessionToken, expiration.toEpochMilli());
  }

  @Override
  public String toString() {
    return "IssuedCredentials{accessKeyId=" + accessKeyId + ", expires=" + expiration + ", sourceIdentity="
        + sourceIdentity + ", scope=" + scope + "}";
  }

  /** One location the credentials reach, with its access level (read, write or gc). */
  public static final class Grant {
    private final String location;
    private final String access;

    public Grant(String location, String access) {
      this.location = requireNonNull(location, "location");
      this.access = requireNonNull(access, "access");
    }

    public String location() {
      return location;
    }

    public String access() {
      return access;
    }

    /** {@code s3://bucket/prefix/ read}: how a {@code LAKEFS_STS} token's scope lists it. */
    @Override
    public String toString() {
      return location + " " + access;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Grant other && location.equals(other.location) && access.equals(other.access);
    }

    @Override
    public int hashCode() {
      return location.hashCode() * 31 + access.hashCode();
    }
  }
}
