package io.lakefs.sts.localaws.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes key ids and secrets shaped like AWS's: ASIA... ids for sessions, 40-character secrets. */
public final class AccessKeys {
  private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private final SecureRandom random = new SecureRandom();

  /** A temporary access key id, "ASIA" and 16 characters, as STS issues. */
  public String newTemporaryAccessKeyId() {
    StringBuilder id = new StringBuilder("ASIA");
    for (int i = 0; i < 16; i++) {
      id.append(KEY_ID_ALPHABET[random.nextInt(KEY_ID_ALPHABET.length)]);
    }
    return id.toString();
  }

  public String newSecretAccessKey() {
    return randomBase64(30);
  }

  /** Session tokens are long opaque blobs in AWS; clients must carry them verbatim. */
  public String newSessionToken() {
    return "FwoGZXIvYXdzE" + randomBase64(240);
  }

  private String randomBase64(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getEncoder().encodeToString(buffer);
  }

  static String stableSuffix(String seed, int length) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder();
      for (int i = 0; out.length() < length; i++) {
        out.append(KEY_ID_ALPHABET[(digest[i % digest.length] & 0xff) % KEY_ID_ALPHABET.length]);
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
