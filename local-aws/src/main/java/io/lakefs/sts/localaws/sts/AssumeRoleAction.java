package io.lakefs.sts.localaws.sts;

import io.lakefs.sts.localaws.iam.AccessKeys;
import io.lakefs.sts.localaws.iam.MalformedPolicyException;
import io.lakefs.sts.localaws.iam.PolicyDocument;
import io.lakefs.sts.localaws.iam.PrincipalDirectory;
import io.lakefs.sts.localaws.iam.Role;
import io.lakefs.sts.localaws.iam.RoleSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * sts:AssumeRole: decides whether the caller may assume the role with the parameters given, and issues
 * the session. Rules and messages follow the STS API reference and the IAM User Guide (session tags,
 * source identity, role chaining); see the package documentation for what is modelled.
 */
final class AssumeRoleAction {
  static final Duration DEFAULT_DURATION = Duration.ofHours(1);
  /** A session that assumes another role (role chaining) gets at most one hour, whatever the role allows. */
  static final Duration ROLE_CHAINING_LIMIT = Duration.ofHours(1);
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]+");

  /** What a successful call answers with. */
  record Result(RoleSession session, OptionalInt packedPolicySize) {
  }

  private final PrincipalDirectory principals;
  private final AccessKeys accessKeys;
  private final StsFaults faults;
  private final Clock clock;

  AssumeRoleAction(PrincipalDirectory principals, AccessKeys accessKeys, StsFaults faults, Clock clock) {
    this.principals = principals;
    this.accessKeys = accessKeys;
    this.faults = faults;
    this.clock = clock;
  }

  Result run(Caller caller, AssumeRoleRequest request) throws StsError {
    Role role = trustedRole(caller, request);
    Optional<RoleSession> parent = caller.session();

    // Role chaining: the calling session's transitive tags and source identity carry into the new one.
    Map<String, String> inheritedTags = new LinkedHashMap<>();
    Set<String> transitiveKeys = new HashSet<>();
    parent.ifPresent(p -> p.tags().forEach((key, value) -> {
      if (p.transitiveTagKeys().stream().anyMatch(k -> k.equalsIgnoreCase(key))) {
        inheritedTags.put(key, value);
        transitiveKeys.add(key.toLowerCase(Locale.ROOT));
      }
    }));
    Map<String, String> tags = sessionTags(request, inheritedTags);
    for (String key : request.transitiveTagKeys()) {
      transitiveKeys.add(key.toLowerCase(Locale.ROOT));
    }
    Optional<String> sourceIdentity = sourceIdentity(request, parent);

    if (!tags.isEmpty() && !role.allowTagSession()) {
      throw StsError.notAuthorized(caller.arn(), "sts:TagSession", role.arn());
    }
    if (sourceIdentity.isPresent() && !role.allowSetSourceIdentity()) {
      throw StsError.notAuthorized(caller.arn(), "sts:SetSourceIdentity", role.arn());
    }
    Duration duration = duration(request, role, parent.isPresent());
    Optional<PolicyDocument> sessionPolicy = sessionPolicy(request);

    OptionalInt packedPolicySize = OptionalInt.empty();
    if (request.policy().isPresent() || !tags.isEmpty()) {
      PackedPolicy.Size size = PackedPolicy.of(request.policy(), tags, transitiveKeys);
      if (size.tooLarge()) {
        throw new StsError(400, "PackedPolicyTooLarge", size.refusal());
      }
      packedPolicySize = OptionalInt.of(size.totalPercent());
    }

    Duration lifetime = faults.settings().sessionLifetime()
        .filter(override -> override.compareTo(duration) < 0)
        .orElse(duration);
    Instant expiration = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(lifetime);
    Set<String> sessionTransitiveKeys = new HashSet<>();
    tags.keySet().stream().filter(k -> transitiveKeys.contains(k.toLowerCase(Locale.ROOT)))
        .forEach(sessionTransitiveKeys::add);
    RoleSession session = new RoleSession(accessKeys.newTemporaryAccessKeyId(), accessKeys.newSecretAccessKey(),
        accessKeys.newSessionToken(), expiration, role, request.roleSessionName(), sourceIdentity, tags,
        sessionTransitiveKeys, sessionPolicy, caller.arn());
    principals.addSession(session);
    return new Result(session, packedPolicySize);
  }

  /**
   * The role, if the caller may assume it. An unknown role, an untrusted caller and a wrong external id all
   * get the same answer, as on AWS, so the answer does not reveal which roles exist.
   */
  private Role trustedRole(Caller caller, AssumeRoleRequest request) throws StsError {
    String roleArn = request.roleArn();
    if (!roleArn.startsWith("arn:") || roleArn.split(":", -1).length < 6) {
      throw StsError.validation("Request ARN is invalid");
    }
    StsError denied = StsError.notAuthorized(caller.arn(), "sts:AssumeRole", roleArn);
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      throw denied;
    }
    Role role = principals.role(roleArn).orElseThrow(() -> denied);
    if (!trusts(role, caller)) {
      throw denied;
    }
    if (role.requiredExternalId().isPresent() && !role.requiredExternalId().equals(request.externalId())) {
      throw denied;
    }
    return role;
  }

  /**
   * A trust policy names users, roles (covering every session of the role) or an account's root (any
   * principal of that account, whose own IAM policies are all-allowing here).
   */
  private static boolean trusts(Role role, Caller caller) {
    if (role.trustedPrincipalArns().contains(caller.arn())
        || role.trustedPrincipalArns().contains("arn:aws:iam::" + caller.accountId() + ":root")) {
      return true;
    }
    return caller.session().map(s -> role.trustedPrincipalArns().contains(s.role().arn())).orElse(false);
  }

  /** Inherited transitive tags first, then the tags passed, which may not repeat a key in any letter case. */
  private static Map<String, String> sessionTags(AssumeRoleRequest request, Map<String, String> inherited)
      throws StsError {
    Set<String> seen = new HashSet<>();
    Map<String, String> tags = new LinkedHashMap<>(inherited);
    inherited.keySet().forEach(k -> seen.add(k.toLowerCase(Locale.ROOT)));
    Set<String> passed = new HashSet<>();
    for (AssumeRoleRequest.Tag tag : request.tags()) {
      String lower = tag.key().toLowerCase(Locale.ROOT);
      if (lower.startsWith("aws:")) {
        throw StsError.validation("Tag key '" + tag.key() + "' is invalid: the prefix 'aws:' is reserved for AWS");
      }
      if (!passed.add(lower)) {
        throw StsError.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
      if (seen.contains(lower)) {
        throw StsError.validation("Tag key '" + tag.key() + "' is already set by a transitive tag inherited from"
            + " the calling role session; a chained session cannot change it, so leave it out of Tags");
      }
      tags.put(tag.key(), tag.value());
    }
    for (String key : request.transitiveTagKeys()) {
      if (!passed.contains(key.toLowerCase(Locale.ROOT))) {
        throw StsError.validation("The specified transitive tag key '" + key
            + "' must be included in the requested tags.");
      }
    }
    return tags;
  }

  /** Once set, a source identity stays for the whole role chain. */
  private static Optional<String> sourceIdentity(AssumeRoleRequest request, Optional<RoleSession> parent)
      throws StsError {
    // AWS reserves the prefix "aws:" for source identities too; the pattern, which has no ':', already refuses it.
    Optional<String> requested = request.sourceIdentity();
    Optional<String> inherited = parent.flatMap(RoleSession::sourceIdentity);
    if (inherited.isPresent() && requested.isPresent() && !inherited.equals(requested)) {
      throw StsError.validation("SourceIdentity cannot be changed in a role chain: the calling session has"
          + " SourceIdentity '" + inherited.get() + "'; pass the same value or omit SourceIdentity");
    }
    return inherited.isPresent() ? inherited : requested;
  }

  private static Duration duration(AssumeRoleRequest request, Role role, boolean roleChaining) throws StsError {
    Duration requested = request.durationSeconds().isPresent()
        ? Duration.ofSeconds(request.durationSeconds().getAsInt())
        : DEFAULT_DURATION;
    if (roleChaining && requested.compareTo(ROLE_CHAINING_LIMIT) > 0) {
      throw StsError.validation(
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    }
    if (requested.getSeconds() > role.maxSessionDurationSeconds()) {
      throw StsError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    return requested;
  }

  private static Optional<PolicyDocument> sessionPolicy(AssumeRoleRequest request) throws StsError {
    if (request.policy().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PolicyDocument.parse(request.policy().get()));
    } catch (MalformedPolicyException e) {
      throw new StsError(400, "MalformedPolicyDocument", e.getMessage());
    }
  }
}
