package io.lakefs.sts.localaws.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The bucket and key a path-style request addresses ({@code /bucket/key...}), decoded and checked. Also
 * used for the source named by x-amz-copy-source, which follows the same rules.
 *
 * @param bucket null for the service root ("/")
 * @param key null for the root and for bucket requests
 */
record S3Path(String bucket, String key) {
  /** S3's rules, loosened to the legacy us-east-1 names (upper case, underscores) that S3Proxy accepts. */
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]");
  private static final int MAX_KEY_BYTES = 1024;

  static S3Path parse(String rawPath) throws S3ClassificationException {
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw new S3ClassificationException("InvalidURI", "Couldn't parse the specified URI: the path must start"
          + " with /, was " + rawPath + ". Use path-style addressing: /bucket/key.");
    }
    String rest = rawPath.substring(1);
    if (rest.isEmpty()) {
      return new S3Path(null, null);
    }
    int slash = rest.indexOf('/');
    String bucket = checkBucket(decode(slash < 0 ? rest : rest.substring(0, slash)));
    String key = slash < 0 ? "" : decode(rest.substring(slash + 1));
    return new S3Path(bucket, key.isEmpty() ? null : checkKey(key, "InvalidRequest"));
  }

  static String checkBucket(String bucket) throws S3ClassificationException {
    if (!BUCKET.matcher(bucket).matches()) {
      throw new S3ClassificationException("InvalidBucketName", "The specified bucket is not valid: \"" + bucket
          + "\". Bucket names are 3-255 letters, digits, '.', '-' or '_', starting and ending with a letter or"
          + " digit; this endpoint takes path-style requests (/bucket/key).");
    }
    return bucket;
  }

  /**
   * S3 keys are opaque, but S3Proxy's filesystem store (and the HTTP layers in between) may resolve "." and
   * ".." segments; a key such as repo1/../repo2/x would then be authorized under repo1/ and act on repo2/.
   * So such keys are refused here, although real S3 would take them literally.
   */
  static String checkKey(String key, String code) throws S3ClassificationException {
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new S3ClassificationException("KeyTooLongError", "Your key is too long: S3 keys are at most "
          + MAX_KEY_BYTES + " bytes of UTF-8.");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new S3ClassificationException(code, "Object key \"" + key + "\" has a \".\" or \"..\" path"
            + " segment, which local-aws refuses because its storage back end could resolve it to another"
            + " object; rename the object.");
      }
    }
    return key;
  }

  /** Strict percent-decoding to UTF-8. '+' stays '+': in a path it is not a space. */
  static String decode(String raw) throws S3ClassificationException {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      int percent = raw.indexOf('%', i);
      if (percent < 0) {
        bytes.writeBytes(raw.substring(i).getBytes(StandardCharsets.UTF_8));
        break;
      }
      bytes.writeBytes(raw.substring(i, percent).getBytes(StandardCharsets.UTF_8));
      if (percent + 2 >= raw.length() || Character.digit(raw.charAt(percent + 1), 16) < 0
          || Character.digit(raw.charAt(percent + 2), 16) < 0) {
        throw new S3ClassificationException("InvalidURI", "Couldn't parse the specified URI: \"" + raw
            + "\" has a '%' not followed by two hex digits; percent-encode '%' as %25.");
      }
      bytes.write(Character.digit(raw.charAt(percent + 1), 16) * 16 + Character.digit(raw.charAt(percent + 2), 16));
      i = percent + 3;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new S3ClassificationException("InvalidURI", "Couldn't parse the specified URI: \"" + raw
          + "\" does not decode to UTF-8; percent-encode the UTF-8 bytes of each character.", e);
    }
  }
}
