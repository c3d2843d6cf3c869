package io.lakefs.sts.service.sts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.Test;

public class SessionNamesTest {
  /** STS's rules, written out here independently of the code under test ({@code \w} is ASCII in STS). */
  private static final Pattern STS_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{2,64}");
  private static final Pattern STS_TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

  @Test
  public void validIdsStayUnchangedEverywhere() {
    for (String id : List.of("alice", "ab", "bob.smith@example.com", "svc_etl-01", "a+b=c", "x".repeat(64))) {
      SessionNames names = SessionNames.forUser(id);
      assertEquals(id, names.roleSessionName());
      assertEquals(id, names.sourceIdentity());
      assertEquals(id, names.tagValue());
      assertTrue(names.isVerbatim());
    }
  }

  @Test
  public void idsInvalidForNamesBecomeAReadablePrefixAndAHashOfTheOriginal() {
    assertEquals("a_b." + hash("a b"), SessionNames.forUser("a b").roleSessionName());
    assertEquals("dept_alice." + hash("dept/alice"), SessionNames.forUser("dept/alice").roleSessionName());
    assertEquals("Jurgen_Muller." + hash("Jürgen Müller"), SessionNames.forUser("Jürgen Müller").roleSessionName());
    assertEquals("x." + hash("x"), SessionNames.forUser("x").roleSessionName());
    assertEquals("_." + hash(""), SessionNames.forUser("").roleSessionName());
    assertEquals("_." + hash("😀"), SessionNames.forUser("😀").roleSessionName());
    assertEquals("aws_admin." + hash("aws:admin"), SessionNames.forUser("aws:admin").sourceIdentity());
  }

  @Test
  public void everyIdGivesNamesAndTagValuesStsAccepts() {
    List<String> ids = new ArrayList<>(List.of("", " ", "x", "a b", "dept/alice", "😀", "😀😀😀", "алиса", "用户",
        "Jürgen Müller", "aws:admin", "AWS:admin", "tab\there", "new\nline", "a,b", "e\u0301", "\u00a0alice",
        "alice ", "x".repeat(65), "é".repeat(300), "😀".repeat(200), "long name ".repeat(1000)));
    ids.addAll(generatedIds(new Random(1), 2000));
    for (String id : ids) {
      SessionNames names = SessionNames.forUser(id);
      assertTrue("session name for '" + id + "': " + names.roleSessionName(),
          STS_NAME.matcher(names.roleSessionName()).matches());
      assertTrue(STS_NAME.matcher(names.sourceIdentity()).matches());
      assertFalse(names.sourceIdentity().toLowerCase(Locale.ROOT).startsWith("aws:"));
      assertTrue("tag value for '" + id + "': " + names.tagValue(), STS_TAG_VALUE.matcher(names.tagValue()).matches());
    }
  }

  @Test
  public void tagValuesKeepUnicodeLettersSpacesAndSlashes() {
    for (String id : List.of("Jürgen Müller", "алиса", "用户", "dept/alice", "a:b", "x")) {
      assertEquals(id, SessionNames.forUser(id).tagValue());
    }
    assertFalse(SessionNames.forUser("Jürgen Müller").isVerbatim());
  }

  @Test
  public void tagValuesReplaceWhatTagsDoNotAllow() {
    assertEquals("a_b." + hash("a,b"), SessionNames.forUser("a,b").tagValue());
    assertEquals("smile _." + hash("smile 😀"), SessionNames.forUser("smile 😀").tagValue());
    assertEquals("alice." + hash(" alice"), SessionNames.forUser(" alice").tagValue());
    assertEquals("_." + hash(""), SessionNames.forUser("").tagValue());
    String longId = "ü".repeat(300);
    assertEquals("ü".repeat(229) + "." + hash(longId), SessionNames.forUser(longId).tagValue());
  }

  @Test
  public void longIdsAreCutToFitAndStillDistinct() {
    String a = "team-data-engineering-".repeat(5) + "alice";
    String b = "team-data-engineering-".repeat(5) + "bob";
    SessionNames namesA = SessionNames.forUser(a);
    assertEquals(64, namesA.roleSessionName().length());
    assertEquals(a.substring(0, 37) + "." + hash(a), namesA.roleSessionName());
    assertNotEquals(namesA.roleSessionName(), SessionNames.forUser(b).roleSessionName());
  }

  @Test
  public void sameIdAlwaysGivesTheSameNames() {
    for (String id : List.of("alice", "a b", "😀", "")) {
      assertEquals(SessionNames.forUser(id).roleSessionName(), SessionNames.forUser(id).roleSessionName());
      assertEquals(SessionNames.forUser(id).tagValue(), SessionNames.forUser(id).tagValue());
      assertEquals(SessionNames.forUser(id), SessionNames.forUser(id));
    }
  }

  @Test
  public void aUserNamedLikeAnotherUsersSanitizedNameGetsADifferentName() {
    String victim = "a b";
    String impostor = SessionNames.forUser(victim).roleSessionName();
    assertTrue(STS_NAME.matcher(impostor).matches());
    assertNotEquals(impostor, SessionNames.forUser(impostor).roleSessionName());
    assertNotEquals(impostor, SessionNames.forUser(impostor).tagValue());
    String shouting = impostor.substring(0, 4) + impostor.substring(4).toUpperCase(Locale.ROOT);
    assertNotEquals(shouting, SessionNames.forUser(shouting).roleSessionName());
  }

  @Test
  public void distinctIdsGetDistinctNamesAndTagValuesEvenAgainstLookAlikes() {
    Set<String> ids = new LinkedHashSet<>(generatedIds(new Random(20261129), 20_000));
    int generated = ids.size();
    List<String> lookAlikes = new ArrayList<>();
    for (String id : List.copyOf(ids)) {
      SessionNames names = SessionNames.forUser(id);
      lookAlikes.add(names.roleSessionName());
      lookAlikes.add(names.tagValue());
      lookAlikes.add(names.roleSessionName().toUpperCase(Locale.ROOT));
      lookAlikes.add(names.roleSessionName().replaceAll("[^A-Za-z0-9]", "_"));
    }
    ids.addAll(lookAlikes);
    Map<String, String> byName = new HashMap<>();
    Map<String, String> byTag = new HashMap<>();
    for (String id : ids) {
      SessionNames names = SessionNames.forUser(id);
      String earlier = byName.put(names.roleSessionName(), id);
      if (earlier != null) {
        fail("'" + earlier + "' and '" + id + "' share the session name " + names.roleSessionName());
      }
      earlier = byTag.put(names.tagValue(), id);
      if (earlier != null) {
        fail("'" + earlier + "' and '" + id + "' share the tag value " + names.tagValue());
      }
    }
    assertTrue("only " + ids.size() + " ids from " + generated, ids.size() > 3 * generated);
  }

  @Test
  public void refusesIdsThatAreNotUnicode() {
    String message = assertThrows(IllegalArgumentException.class, () -> SessionNames.forUser("a\uD800b"))
        .getMessage();
    assertTrue(message, message.contains("unpaired surrogate"));
  }

  /** SHA-256 of the UTF-8 bytes, lower-case base32, first 26 characters: computed the slow, obvious way. */
  private static String hash(String id) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      StringBuilder bits = new StringBuilder();
      for (byte b : digest) {
        bits.append(String.format("%8s", Integer.toBinaryString(b & 0xff)).replace(' ', '0'));
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 26; i++) {
        out.append("abcdefghijklmnopqrstuvwxyz234567".charAt(Integer.parseInt(bits.substring(i * 5, i * 5 + 5), 2)));
      }
      return out.toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Ids from a mix of valid, invalid and confusable characters, many differing only in invalid ones. */
  private static List<String> generatedIds(Random random, int count) {
    String[] pieces = {"a", "b", "A", ".", "_", "-", "@", "+", "=", ",", " ", "/", ":", "ü", "u\u0308", "я", "用",
        "😀", "\t", "\u00a0", "7", "z", "."};
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length = random.nextInt(10) == 0 ? 60 + random.nextInt(300) : random.nextInt(12);
      StringBuilder id = new StringBuilder();
      for (int j = 0; j < length; j++) {
        id.append(pieces[random.nextInt(pieces.length)]);
      }
      ids.add(id.toString());
    }
    return ids;
  }
}
