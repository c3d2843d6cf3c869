package io.lakefs.sts.localaws.sts;

import io.lakefs.sts.localaws.iam.IamUser;
import io.lakefs.sts.localaws.iam.RoleSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The authenticated principal behind an STS call: an IAM user, or a role session when the call is signed
 * with credentials STS issued (role chaining).
 *
 * @param userId what GetCallerIdentity reports: AIDA... for users, AROA...:session for role sessions
 */
record Caller(String arn, String userId, String accountId, Optional<RoleSession> session) {
  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  static Caller of(IamUser user) {
    return new Caller(user.arn(), "AIDA" + stableSuffix(user.arn()), user.accountId(), Optional.empty());
  }

  static Caller of(RoleSession session) {
    return new Caller(session.assumedRoleArn(), session.assumedRoleId(), session.role().accountId(),
        Optional.of(session));
  }

  /** IAM's unique ids are random; a hash of the ARN keeps them stable across runs so logs compare. */
  private static String stableSuffix(String seed) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder(17);
      for (int i = 0; i < 17; i++) {
        out.append(ID_ALPHABET[(digest[i] & 0xff) % ID_ALPHABET.length]);
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
