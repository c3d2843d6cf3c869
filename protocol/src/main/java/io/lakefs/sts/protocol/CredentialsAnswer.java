package io.lakefs.sts.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's answer to {@code POST /api/v1/credentials}: STS credentials, when they expire, whom they name
 * (session name; source identity = the lakeFS user; the role assumed) and what they reach. The service writes it
 * with {@link #toJson()}, its clients read it with {@link #fromJson(Map)}: the field names below are the only
 * ones. {@code toString()} shows no secret.
 */
public final class CredentialsAnswer {
  public static final String ACCESS_KEY_ID = "access_key_id";
  public static final String SECRET_ACCESS_KEY = "secret_access_key";
  public static final String SESSION_TOKEN = "session_token";
  /** When the credentials expire, in epoch seconds. */
  public static final String EXPIRATION = "expiration";
  public static final String SESSION_NAME = "session_name";
  public static final String SOURCE_IDENTITY = "source_identity";
  public static final String ROLE_ARN = "role_arn";
  /** The locations reached: {@code [{"location": "s3://bucket/prefix/", "access": "read"}, ...]}. */
  public static final String SCOPE = "scope";
  public static final String LOCATION = "location";
  public static final String ACCESS = "access";

  private final String accessKeyId;
  private final Secret secretAccessKey;
  private final Secret sessionToken;
  private final Instant expiration;
  private final String sessionName;
  private final String sourceIdentity;
  private final String roleArn;
  private final List<Grant> scope;

  public CredentialsAnswer(String accessKeyId, Secret secretAccessKey, Secret sessionToken, Instant expiration,
      String sessionName, String sourceIdentity, String roleArn, List<Grant> scope) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey");
    this.sessionToken = requireNonNull(sessionToken, "sessionToken");
    this.expiration = requireNonNull(expiration, "expiration");
    this.sessionName = requireNonNull(sessionName, "sessionName");
    this.sourceIdentity = requireNonNull(sourceIdentity, "sourceIdentity");
    this.roleArn = requireNonNull(roleArn, "roleArn");
    this.scope = Collections.unmodifiableList(new ArrayList<>(requireNonNull(scope, "scope")));
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public Secret secretAccessKey() {
    return secretAccessKey;
  }

  public Secret sessionToken() {
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
   * The answer as a JSON tree (maps, lists, strings, a number), secrets included, for a JSON library to write:
   * only for whoever asked for these credentials.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(ACCESS_KEY_ID, accessKeyId);
    json.put(SECRET_ACCESS_KEY, secretAccessKey.reveal());
    json.put(SESSION_TOKEN, sessionToken.reveal());
    json.put(EXPIRATION, expiration.getEpochSecond());
    json.put(SESSION_NAME, sessionName);
    json.put(SOURCE_IDENTITY, sourceIdentity);
    json.put(ROLE_ARN, roleArn);
    List<Map<String, String>> grants = new ArrayList<>();
    for (Grant grant : scope) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put(LOCATION, grant.location());
      entry.put(ACCESS, grant.access());
      grants.add(entry);
    }
    json.put(SCOPE, grants);
    return json;
  }

  /**
   * Reads the answer from a JSON tree as a JSON library reads it (maps, lists, strings, numbers). Fields other
   * than the keys and the expiration may be missing (read as empty).
   *
   * @throws IllegalArgumentException naming the fields (never a value) when it is not such an answer
   */
  public static CredentialsAnswer fromJson(Map<?, ?> json) {
    String accessKeyId = text(json.get(ACCESS_KEY_ID));
    String secret = text(json.get(SECRET_ACCESS_KEY));
    Long expiration = epochSeconds(json.get(EXPIRATION));
    if (accessKeyId.isEmpty() || secret.isEmpty() || expiration == null) {
      throw new IllegalArgumentException("the answer lacks " + ACCESS_KEY_ID + ", " + SECRET_ACCESS_KEY + " or "
          + EXPIRATION);
    }
    List<Grant> scope = new ArrayList<>();
    Object grants = json.get(SCOPE);
    if (grants instanceof List) {
      for (Object grant : (List<?>) grants) {
        Map<?, ?> entry = grant instanceof Map ? (Map<?, ?>) grant : Collections.emptyMap();
        scope.add(new Grant(text(entry.get(LOCATION)), text(entry.get(ACCESS))));
      }
    }
    return new CredentialsAnswer(accessKeyId, Secret.of(secret), Secret.of(text(json.get(SESSION_TOKEN))),
        Instant.ofEpochSecond(expiration), text(json.get(SESSION_NAME)), text(json.get(SOURCE_IDENTITY)),
        text(json.get(ROLE_ARN)), scope);
  }

  /** A string field, or a number's or boolean's text; empty when missing or not a scalar. */
  private static String text(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    return value instanceof Number || value instanceof Boolean ? String.valueOf(value) : "";
  }

  /** A whole number of seconds that fits a long; null otherwise. */
  private static Long epochSeconds(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger) {
      return ((BigInteger) value).bitLength() < Long.SIZE ? ((BigInteger) value).longValue() : null;
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double seconds = ((Number) value).doubleValue();
      return seconds >= Long.MIN_VALUE && seconds <= Long.MAX_VALUE ? (long) seconds : null;
    }
    return null;
  }

  private static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CredentialsAnswer)) {
      return false;
    }
    CredentialsAnswer other = (CredentialsAnswer) o;
    return accessKeyId.equals(other.accessKeyId) && secretAccessKey.equals(other.secretAccessKey)
        && sessionToken.equals(other.sessionToken) && expiration.equals(other.expiration)
        && sessionName.equals(other.sessionName) && sourceIdentity.equals(other.sourceIdentity)
        && roleArn.equals(other.roleArn) && scope.equals(other.scope);
  }

  @Override
  public int hashCode() {
    return accessKeyId.hashCode() * 31 + expiration.hashCode();
  }

  @Override
  public String toString() {
    return "CredentialsAnswer{accessKeyId=" + accessKeyId + ", expires=" + expiration + ", sourceIdentity="
        + sourceIdentity + ", scope=" + scope + "}";
  }

  /** One location the credentials reach, with its access level ({@code read}, {@code write} or {@code gc}). */
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
      return o instanceof Grant && location.equals(((Grant) o).location) && access.equals(((Grant) o).access);
    }

    @Override
    public int hashCode() {
      return location.hashCode() * 31 + access.hashCode();
    }
  }
}
