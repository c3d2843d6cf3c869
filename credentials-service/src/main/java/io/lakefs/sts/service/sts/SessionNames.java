package io.lakefs.sts.service.sts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * How one lakeFS user is named to STS, and so in the assumed-role ARN, S3 access logs and CloudTrail: the
 * {@code RoleSessionName}, the {@code SourceIdentity} (which survives role chaining) and a session tag value.
 * An id that is valid for the target stays as it is; any other becomes a readable sanitized prefix, ".",
 * and 26 base32 characters (130 bits) of SHA-256 over the original id's UTF-8 bytes.
 *
 * <p>Why distinct users always get distinct names: an id is kept only if it does NOT end like a sanitized
 * name ("." + 26 base32 characters, any case), so a kept id never equals a sanitized one, even if a user is
 * deliberately named like another's sanitized form; two kept ids differ because the ids do; two sanitized
 * names are equal only if 130 bits of SHA-256 collide: about 2^-130 per pair by accident, and 2^65 work
 * even for someone choosing both ids.
 */
public final class SessionNames {
  /** STS's bounds for RoleSessionName and SourceIdentity. */
  private static final int NAME_MIN_LENGTH = 2;
  private static final int NAME_MAX_LENGTH = 64;
  /** STS's bound for a session tag value. */
  private static final int TAG_VALUE_MAX_LENGTH = 256;
  private static final int HASH_LENGTH = 26;
  private static final char SEPARATOR = '.';
  private static final String UNREADABLE = "_";
  private static final Pattern SANITIZED_SHAPE = Pattern.compile("\\.[a-zA-Z2-7]{" + HASH_LENGTH + "}\\z");
  // STS's own definition of a tag value character.
  private static final Pattern TAG_VALUE_CHAR = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");
  private static final Pattern SPACE = Pattern.compile("\\p{Z}");
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  private final String userId;
  private final String name;
  private final String tagValue;

  private SessionNames(String userId, String name, String tagValue) {
    this.userId = userId;
    this.name = name;
    this.tagValue = tagValue;
  }

  /**
   * @param lakeFsUserId the lakeFS user id (its user name), any valid Unicode string
   * @throws IllegalArgumentException when the id has an unpaired surrogate (it is not a Unicode string, and
   *     could not be hashed without merging it with another id)
   */
  public static SessionNames forUser(String lakeFsUserId) {
    Objects.requireNonNull(lakeFsUserId, "lakeFsUserId");
    String hash = hash(lakeFsUserId);
    String name = isKeptAsName(lakeFsUserId)
        ? lakeFsUserId
        : readableAscii(lakeFsUserId, NAME_MAX_LENGTH - 1 - HASH_LENGTH) + SEPARATOR + hash;
    String tag = isKeptAsTagValue(lakeFsUserId)
        ? lakeFsUserId
        : readableTagValue(lakeFsUserId, TAG_VALUE_MAX_LENGTH - 1 - HASH_LENGTH) + SEPARATOR + hash;
    return new SessionNames(lakeFsUserId, name, tag);
  }

  public String userId() {
    return userId;
  }

  /** For AssumeRole's {@code RoleSessionName}: 2-64 characters of {@code [\w+=,.@-]}. */
  public String roleSessionName() {
    return name;
  }

  /**
   * For AssumeRole's {@code SourceIdentity}: 2-64 characters of {@code [\w+=,.@-]}; never starts with
   * {@code aws:}, since ':' is not among those characters.
   */
  public String sourceIdentity() {
    return name;
  }

  /** For a session tag value: at most 256 characters of {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}. */
  public String tagValue() {
    return tagValue;
  }

  /** True when the user id is used as it is, everywhere. */
  public boolean isVerbatim() {
    return name.equals(userId) && tagValue.equals(userId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionNames other && userId.equals(other.userId);
  }

  @Override
  public int hashCode() {
    return userId.hashCode();
  }

  @Override
  public String toString() {
    return "SessionNames{user=" + userId + ", roleSessionName=" + name + ", tagValue=" + tagValue + "}";
  }

  private static boolean isNameChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_+=,.@-".indexOf(c) >= 0;
  }

  private static boolean isTagValueChar(int c) {
    return TAG_VALUE_CHAR.matcher(Character.toString(c)).matches();
  }

  private static boolean isKeptAsName(String id) {
    return id.length() >= NAME_MIN_LENGTH && id.length() <= NAME_MAX_LENGTH
        && id.chars().allMatch(SessionNames::isNameChar) && !looksSanitized(id);
  }

  private static boolean isKeptAsTagValue(String id) {
    // Empty and edge-whitespace values are legal tags but read as "no user" or get trimmed by log tools.
    return !id.isEmpty() && id.length() <= TAG_VALUE_MAX_LENGTH
        && id.codePoints().allMatch(SessionNames::isTagValueChar)
        && !isSpaceSeparator(id.codePointAt(0)) && !isSpaceSeparator(id.codePointBefore(id.length()))
        && !looksSanitized(id);
  }

  private static boolean looksSanitized(String id) {
    return SANITIZED_SHAPE.matcher(id).find();
  }

  /** ASCII transliteration where Unicode offers one ("Jürgen" → "Jurgen"), other runs become "_". */
  private static String readableAscii(String id, int maxLength) {
    String decomposed = Normalizer.normalize(id, Normalizer.Form.NFKD);
    return readable(decomposed, maxLength, SessionNames::isNameChar);
  }

  private static String readableTagValue(String id, int maxLength) {
    return readable(id, maxLength, SessionNames::isTagValueChar);
  }

  private static String readable(String text, int maxLength, IntPredicate allowed) {
    StringBuilder out = new StringBuilder();
    boolean inRun = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (isCombiningMark(c)) {
        continue;
      }
      if (allowed.test(c)) {
        if (out.length() + Character.charCount(c) > maxLength) {
          break;
        }
        out.appendCodePoint(c);
        inRun = false;
      } else if (!inRun) {
        if (out.length() + 1 > maxLength) {
          break;
        }
        out.append('_');
        inRun = true;
      }
    }
    String trimmed = stripSpaces(out.toString());
    return trimmed.isEmpty() ? UNREADABLE : trimmed;
  }

  private static String hash(String id) {
    ByteBuffer utf8;
    try {
      utf8 = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(id));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("lakeFS user id '" + id + "' is not valid Unicode (it has an unpaired"
          + " surrogate); lakeFS user ids are Unicode strings, so check what supplied this one", e);
    }
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(toArray(utf8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform must provide SHA-256", e);
    }
    return base32(digest, HASH_LENGTH);
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** The first {@code length} characters of the lower-case RFC 4648 base32 encoding of {@code bytes}. */
  private static String base32(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder(length);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; out.length() < length; ) {
      if (bits < 5) {
        buffer = (buffer << 8) | (bytes[i++] & 0xff);
        bits += 8;
      }
      out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
      bits -= 5;
    }
    return out.toString();
  }

  private static boolean isSpaceSeparator(int c) {
    return SPACE.matcher(Character.toString(c)).matches();
  }

  private static String stripSpaces(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpaceSeparator(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && isSpaceSeparator(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  private static boolean isCombiningMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}
