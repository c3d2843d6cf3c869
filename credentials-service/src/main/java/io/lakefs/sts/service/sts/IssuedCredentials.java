package io.lakefs.sts.service.sts;

import io.lakefs.sts.service.scope.Grant;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the service hands a lakeFS user: the credentials, and what they were issued as, for the HTTP answer
 * and the audit log. {@code sessionName} and {@code sourceIdentity} are how S3 access logs and CloudTrail
 * will name the user; {@code scope} is everything the credentials' session policy reaches. A cached entry
 * answers many requests, so it also keeps its answer once rendered ({@link #answer}); that is why this is a
 * class and not a record, and why two of them are equal only when they are one.
 */
public final class IssuedCredentials {
  private final AwsCredentials credentials;
  private final String sessionName;
  private final String sourceIdentity;
  private final List<Grant> scope;
  private final List<String> scopeNames;
  private final String roleArn;
  /** The answer's bytes, secrets included: never printed, only written to the caller. */
  private volatile byte[] answer;

  public IssuedCredentials(AwsCredentials credentials, String sessionName, String sourceIdentity, List<Grant> scope,
      String roleArn) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
    this.sourceIdentity = Objects.requireNonNull(sourceIdentity, "sourceIdentity");
    this.scope = List.copyOf(scope);
    this.scopeNames = this.scope.stream().map(Grant::toString).toList();
    this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
  }

  public AwsCredentials credentials() {
    return credentials;
  }

  public String sessionName() {
    return sessionName;
  }

  public String sourceIdentity() {
    return sourceIdentity;
  }

  public List<Grant> scope() {
    return scope;
  }

  /** The scope as the audit log names it, one name per grant; made once, since every request is audited. */
  public List<String> scopeNames() {
    return scopeNames;
  }

  public String roleArn() {
    return roleArn;
  }

  public Instant expiration() {
    return credentials.expiration();
  }

  /**
   * The HTTP answer, rendered by {@code render} the first time it is asked for and kept: it depends only on
   * these credentials. Two threads asking at once may both render it, to the same bytes.
   */
  public byte[] answer(Function<IssuedCredentials, byte[]> render) {
    byte[] rendered = answer;
    if (rendered == null) {
      rendered = render.apply(this);
      answer = rendered;
    }
    return rendered;
  }

  @Override
  public String toString() {
    return "IssuedCredentials[credentials=" + credentials + ", sessionName=" + sessionName + ", sourceIdentity="
        + sourceIdentity + ", scope=" + scope + ", roleArn=" + roleArn + "]";
  }
}
