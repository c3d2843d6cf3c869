package io.lakefs.sts.service.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened, in audit terms. Built only through the factory methods, whose parameters are ids, names
 * and outcomes: there is deliberately no way to put a secret in one.
 */
public final class AuditEvent {
  private final Map<String, Object> fields;

  /** @param fields a map of the factory's own making, held as it is */
  private AuditEvent(Map<String, Object> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  /** Credentials were handed to a caller (fresh from STS or from the cache). */
  public static AuditEvent credentialsIssued(Caller caller, String roleArn, String sessionName, String sourceIdentity,
      List<String> scope, Instant expiration, String accessKeyId) {
    Map<String, Object> f = base("credentials.issued", caller);
    f.put("role_arn", roleArn);
    f.put("session_name", sessionName);
    f.put("source_identity", sourceIdentity);
    f.put("scope", List.copyOf(scope));
    f.put("expiration", expiration.toString());
    f.put("access_key_id", accessKeyId);
    return new AuditEvent(f);
  }

  /**
   * A delegation token was issued; its sequence number identifies it (the token itself is never logged).
   *
   * @param caller names the token's owner as user
   * @param realUser the superuser who asked for it on the owner's behalf ({@code doAs}), if one did
   */
  public static AuditEvent tokenIssued(Caller caller, Optional<String> realUser, int sequenceNumber, String renewer,
      List<String> repositories, String access, List<String> scope, Instant maxDate) {
    Map<String, Object> f = base("token.issued", caller);
    realUser.ifPresent(real -> f.put("real_user", real));
    f.put("token_sequence_number", sequenceNumber);
    f.put("renewer", renewer);
    f.put("repositories", List.copyOf(repositories));
    f.put("access", access);
    f.put("scope", List.copyOf(scope));
    f.put("max_date", maxDate.toString());
    return new AuditEvent(f);
  }

  /** A delegation token was renewed by its renewer; {@code expiry} is its new expiry. */
  public static AuditEvent tokenRenewed(Caller caller, int sequenceNumber, Instant expiry) {
    Map<String, Object> f = base("token.renewed", caller);
    f.put("token_sequence_number", sequenceNumber);
    f.put("expiry", expiry.toString());
    return new AuditEvent(f);
  }

  /** A delegation token was cancelled; the caller is who cancelled it ("-": its holder, unauthenticated). */
  public static AuditEvent tokenCancelled(Caller caller, int sequenceNumber) {
    Map<String, Object> f = base("token.cancelled", caller);
    f.put("token_sequence_number", sequenceNumber);
    return new AuditEvent(f);
  }

  /** A request was refused; {@code reason} is the message the caller received. */
  public static AuditEvent denied(Caller caller, String action, int status, String reason) {
    Map<String, Object> f = base("denied", caller);
    f.put("action", action);
    f.put("status", status);
    f.put("reason", reason);
    return new AuditEvent(f);
  }

  private static Map<String, Object> base(String event, Caller caller) {
    Objects.requireNonNull(caller, "caller");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("event", event);
    f.put("user", caller.user());
    f.put("auth_method", caller.authMethod());
    f.put("remote_address", caller.remoteAddress());
    if (caller.tokenSequenceNumber() != null) {
      f.put("token_sequence_number", caller.tokenSequenceNumber());
    }
    return f;
  }

  Map<String, Object> fields() {
    return fields;
  }

  /**
   * Who asked: the lakeFS user id (or "-" before authentication), how, from where and, for a caller that
   * authenticated with one of the service's delegation tokens, that token's sequence number.
   */
  public record Caller(String user, String authMethod, String remoteAddress, Integer tokenSequenceNumber) {
    public Caller(String user, String authMethod, String remoteAddress) {
      this(user, authMethod, remoteAddress, null);
    }
  }

  @Override
  public String toString() {
    return fields.toString();
  }
}
