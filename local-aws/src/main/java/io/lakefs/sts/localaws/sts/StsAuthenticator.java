package io.lakefs.sts.localaws.sts;

import io.lakefs.sts.localaws.iam.IamUser;
import io.lakefs.sts.localaws.iam.PrincipalDirectory;
import io.lakefs.sts.localaws.iam.RoleSession;
import io.lakefs.sts.localaws.sigv4.SigV4Exception;
import io.lakefs.sts.localaws.sigv4.SigV4Verifier;
import io.lakefs.sts.localaws.sigv4.SignedRequest;
import io.lakefs.sts.localaws.sigv4.SigningScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * Finds who signed an STS call: checks the SigV4 signature for service "sts" in this endpoint's region, with
 * the secret of an IAM user or of a session STS issued (whose session token must come along).
 */
final class StsAuthenticator {
  static final String SERVICE = "sts";

  private final SigV4Verifier verifier;
  private final PrincipalDirectory principals;
  private final Clock clock;
  private final String region;

  StsAuthenticator(SigV4Verifier verifier, PrincipalDirectory principals, Clock clock, String region) {
    this.verifier = verifier;
    this.principals = principals;
    this.clock = clock;
    this.region = region;
  }

  /**
   * @param securityToken X-Amz-Security-Token from the header or presigned query, null when absent
   * @param payloadHash hex SHA-256 of the request body
   */
  Caller authenticate(SignedRequest request, String securityToken, String payloadHash) throws StsError {
    SigningScope scope;
    try {
      scope = verifier.scope(request);
    } catch (SigV4Exception e) {
      throw e.reason() == SigV4Exception.Reason.MISSING
          ? new StsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
          : new StsError(400, "IncompleteSignature", e.getMessage());
    }
    if (!scope.service().equals(SERVICE)) {
      throw new StsError(403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: '"
          + SERVICE + "'. It was scoped to '" + scope.service() + "'.");
    }
    if (!scope.region().equals(region)) {
      throw new StsError(403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region, not '"
          + scope.region() + "'. This STS endpoint serves '" + region + "': sign for that region.");
    }

    String accessKeyId = scope.accessKeyId();
    Optional<IamUser> user = principals.user(accessKeyId);
    Caller caller;
    String secret;
    if (user.isPresent()) {
      // A long-term key never comes with a session token; AWS refuses the pair.
      if (securityToken != null) {
        throw StsError.invalidClientTokenId();
      }
      caller = Caller.of(user.get());
      secret = user.get().secretAccessKey();
    } else {
      RoleSession session = principals.session(accessKeyId).orElseThrow(StsError::invalidClientTokenId);
      if (securityToken == null || !constantTimeEquals(securityToken, session.sessionToken())) {
        throw StsError.invalidClientTokenId();
      }
      if (session.isExpired(clock.instant())) {
        throw new StsError(403, "ExpiredToken", "The security token included in the request is expired");
      }
      caller = Caller.of(session);
      secret = session.secretAccessKey();
    }

    try {
      verifier.verify(request, secret, payloadHash);
    } catch (SigV4Exception e) {
      throw switch (e.reason()) {
        // STS reports a skewed clock as a signature failure ("Signature expired: ..."), as AWS does.
        case MISMATCH, CLOCK_SKEW -> new StsError(403, "SignatureDoesNotMatch", e.getMessage());
        case PRESIGNED_EXPIRED -> new StsError(400, "RequestExpired", e.getMessage());
        case MALFORMED, MISSING -> new StsError(400, "IncompleteSignature", e.getMessage());
      };
    }
    return caller;
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
