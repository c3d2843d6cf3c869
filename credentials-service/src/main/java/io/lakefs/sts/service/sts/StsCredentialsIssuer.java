package io.lakefs.sts.service.sts;

import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Calls STS AssumeRole once per request: the configured role, limited by the request's session policy, named
 * after the lakeFS user (session name, source identity and a transitive session tag, so S3 access logs and
 * CloudTrail show who it was, even after role chaining). Retries only throttling, with {@link Backoff}; the
 * {@link StsClient} it is given must not retry on its own (see {@link StsClientFactory}).
 */
public final class StsCredentialsIssuer implements CredentialsIssuer {
  private static final Logger LOG = LoggerFactory.getLogger(StsCredentialsIssuer.class);

  private final StsSettings settings;
  private final StsClient sts;
  private final IssuerListener listener;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final StsFailures failures;

  public StsCredentialsIssuer(StsSettings settings, StsClient sts, IssuerListener listener) {
    this(settings, sts, listener, Sleeper.THREAD, () -> ThreadLocalRandom.current().nextDouble());
  }

  StsCredentialsIssuer(StsSettings settings, StsClient sts, IssuerListener listener, Sleeper sleeper,
      DoubleSupplier random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sts = Objects.requireNonNull(sts, "sts");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.backoff = new Backoff(settings.baseBackoff(), settings.maxBackoff(), random);
    this.failures = new StsFailures(settings);
  }

  @Override
  public IssuedCredentials issue(String lakeFSUserId, Role role, SessionPolicy policy, Duration maxDuration) {
    Objects.requireNonNull(lakeFSUserId, "lakeFSUserId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (maxDuration.compareTo(StsSettings.MIN_DURATION) < 0) {
      throw new TokenExpiresTooSoonException(lakeFSUserId, maxDuration);
    }
    SessionNames names = sessionNames(lakeFSUserId);
    // Whole seconds, rounded down, so the credentials never outlive the caller's token.
    long seconds = Math.min(settings.duration().toSeconds(), maxDuration.toSeconds());
    Credentials credentials = assumeRole(request(names, role, policy, seconds), names, policy, role).credentials();
    IssuedCredentials issued = new IssuedCredentials(
        new AwsCredentials(credentials.accessKeyId(), Secret.of(credentials.secretAccessKey()),
            Secret.of(credentials.sessionToken()), credentials.expiration()),
        names.roleSessionName(), names.sourceIdentity(), policy.scope(), role.arn());
    LOG.info("Issued {} for session {} of role {} ({} s), scope {}", issued.credentials(), names.roleSessionName(),
        role.arn(), seconds, policy.scope());
    return issued;
  }

  private AssumeRoleRequest request(SessionNames names, Role role, SessionPolicy policy, long durationSeconds) {
    AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
        .roleArn(role.arn())
        .roleSessionName(names.roleSessionName())
        .sourceIdentity(names.sourceIdentity())
        .tags(Tag.builder().key(settings.userTagKey()).value(names.tagValue()).build(),
            Tag.builder().key(settings.issuerTagKey()).value(settings.issuerTagValue()).build())
        // Transitive, so a session that assumes a further role still says who and what issued it.
        .transitiveTagKeys(settings.userTagKey(), settings.issuerTagKey())
        // Never absent: without a policy the credentials would have all the role's permissions.
        .policy(policy.json())
        .durationSeconds((int) durationSeconds);
    role.externalId().ifPresent(request::externalId);
    return request.build();
  }

  private AssumeRoleResponse assumeRole(AssumeRoleRequest request, SessionNames names, SessionPolicy policy,
      Role role) {
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      try {
        AssumeRoleResponse response = sts.assumeRole(request);
        listener.issued(Duration.ofNanos(System.nanoTime() - start));
        return response;
      } catch (SdkException e) {
        listener.stsError(StsFailures.code(e), Duration.ofNanos(System.nanoTime() - start));
        if (!StsFailures.isThrottling(e)) {
          CredentialsIssueException refusal = failures.toException(e, names, policy, role);
          log(refusal, names);
          throw refusal;
        }
        if (attempt >= settings.maxAttempts()) {
          StsThrottledException refusal = failures.throttled(e, attempt, backoff.retryAfter(attempt));
          log(refusal, names);
          throw refusal;
        }
        Duration pause = backoff.delayBeforeRetry(attempt);
        LOG.debug("STS throttled AssumeRole for session {} (attempt {} of {}); retrying in {} ms",
            names.roleSessionName(), attempt, settings.maxAttempts(), pause.toMillis());
        pause(pause, e, attempt);
      }
    }
  }

  private void pause(Duration pause, SdkException throttled, int attempt) {
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException interrupted) {
      // Shutting down: give up on this request, with the answer it would get once retries ran out.
      Thread.currentThread().interrupt();
      throw failures.throttled(throttled, attempt, backoff.retryAfter(attempt));
    }
  }

  private static SessionNames sessionNames(String lakeFSUserId) {
    try {
      return SessionNames.forUser(lakeFSUserId);
    } catch (IllegalArgumentException e) {
      throw new CredentialsRequestException("lakeFS user id cannot be named to STS: " + e.getMessage(), null, e);
    }
  }

  private static void log(CredentialsIssueException refusal, SessionNames names) {
    if (refusal instanceof CredentialsRequestException) {
      LOG.info("No credentials for session {}: {}", names.roleSessionName(), refusal.getMessage());
    } else {
      LOG.warn("No credentials for session {}: {}", names.roleSessionName(), refusal.getMessage());
    }
  }
}
