package io.lakefs.sts.testsupport.lakefs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The addresses lakeFS's {@code getPhysicalAddress} hands out and {@code linkPhysicalAddress} accepts back
 * ({@code pkg/upload/path_provider.go}, {@code Catalog.GetAddressWithSignature} / {@code VerifyLinkAddress}):
 * {@code <namespace>/data/<partition>/<id>,<signature>}, where partition and id look like lakeFS's xids and
 * the signature is an HMAC over repository, branch, path and address, so an address handed out for one
 * path cannot be linked at another. The signature is part of the object's key on the object store.
 */
final class PhysicalAddresses {
  /** lakeFS's {@code upload.DefaultDataPrefix}: every object lakeFS places lives under it. */
  static final String DATA_PREFIX = "data/";
  private static final char SIGNING_DELIMITER = ',';
  private static final String XID_ALPHABET = "0123456789abcdefghijklmnopqrstuv";

  private final SecureRandom random = new SecureRandom();
  private final byte[] signingKey = new byte[32];
  private final String partition;

  PhysicalAddresses() {
    random.nextBytes(signingKey);
    partition = xid();
  }

  /** A new full address under the namespace's {@code data/}, signed for this repository, branch and path. */
  String generate(String storageNamespace, String repository, String branch, String path) {
    String address = DATA_PREFIX + partition + "/" + xid();
    return withSlash(storageNamespace) + address + SIGNING_DELIMITER + sign(repository, branch, path, address);
  }

  /** Whether the address lies under the namespace's {@code data/}, where lakeFS demands its own signature. */
  static boolean isUnderData(String storageNamespace, String physicalAddress) {
    return physicalAddress.startsWith(withSlash(storageNamespace) + DATA_PREFIX);
  }

  /** lakeFS's VerifyLinkAddress for an address under the namespace's data prefix; null when it holds, else why not. */
  String refusal(String storageNamespace, String repository, String branch, String path, String physicalAddress) {
    String relative = physicalAddress.substring(withSlash(storageNamespace).length());
    int delimiter = relative.lastIndexOf(SIGNING_DELIMITER);
    if (delimiter < 0) {
      return "address is not signed: link address invalid";
    }
    byte[] expected = sign(repository, branch, path, relative.substring(0, delimiter))
        .getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, relative.substring(delimiter + 1).getBytes(StandardCharsets.US_ASCII))) {
      return "invalid address signature: invalid address";
    }
    return null;
  }

  private String sign(String repository, String branch, String path, String address) {
    String signed = "{\"Repository\":" + LakeFSJson.string(repository) + ",\"Branch\":" + LakeFSJson.string(branch)
        + ",\"Path\":" + LakeFSJson.string(path) + ",\"PhysicalAddress\":" + LakeFSJson.string(address) + "}";
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** 20 characters of xid's base32hex alphabet, as lakeFS's rs/xid ids print. */
  private String xid() {
    StringBuilder id = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      id.append(XID_ALPHABET.charAt(random.nextInt(XID_ALPHABET.length())));
    }
    return id.toString();
  }

  static String withSlash(String storageNamespace) {
    return storageNamespace.endsWith("/") ? storageNamespace : storageNamespace + "/";
  }
}
