package io.lakefs.sts.service.lakefs;

import static io.lakefs.sts.service.lakefs.StandInFixture.encoded;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class LakeFSCredentialsTest {
  private static final String SECRET = "s3cr3t-wJalrXUtnFEMI";

  @Test
  public void readsBasicCredentialsSplittingAtTheFirstColonAsGoDoes() throws Exception {
    LakeFSCredentials credentials = LakeFSCredentials.fromAuthorizationHeader(
        "Basic " + encoded("AKIAIOSFODNN7ALICE:pass:with:colons"));

    assertEquals("AKIAIOSFODNN7ALICE", credentials.accessKeyId());
    assertEquals("Basic " + encoded("AKIAIOSFODNN7ALICE:pass:with:colons"), credentials.authorizationHeader());
  }

  @Test
  public void readsTheSchemeInAnyCaseAndIgnoresSpacesAndTabsAroundTheValue() throws Exception {
    for (String header : List.of("basic " + encoded("AKIA:" + SECRET), "BASIC " + encoded("AKIA:" + SECRET),
        "bAsIc " + encoded("AKIA:" + SECRET), " \tBasic " + encoded("AKIA:" + SECRET) + " \t")) {
      LakeFSCredentials credentials = LakeFSCredentials.fromAuthorizationHeader(header);
      assertEquals(header, "AKIA", credentials.accessKeyId());
      assertEquals("Basic " + encoded("AKIA:" + SECRET), credentials.authorizationHeader());
    }
  }

  @Test
  public void ignoresLineBreaksInsideTheBase64AsGoDoes() throws Exception {
    String encoded = encoded("AKIA:" + SECRET);
    String broken = encoded.substring(0, 5) + "\r\n" + encoded.substring(5);

    assertEquals("AKIA", LakeFSCredentials.fromAuthorizationHeader("Basic " + broken).accessKeyId());
  }

  @Test
  public void sendsNonAsciiCredentialsToLakeFSAsUtf8() throws Exception {
    LakeFSCredentials credentials = LakeFSCredentials.fromAuthorizationHeader("Basic " + encoded("ключ:пароль€"));

    assertEquals("ключ", credentials.accessKeyId());
    assertEquals("ключ:пароль€", new String(Base64.getDecoder().decode(
        credentials.authorizationHeader().substring("Basic ".length())), StandardCharsets.UTF_8));
  }

  @Test
  public void refusesAMissingHeaderSayingHowToSendCredentials() {
    for (String header : new String[] {null, "", "   "}) {
      MalformedAuthorizationException refused = assertThrows(MalformedAuthorizationException.class,
          () -> LakeFSCredentials.fromAuthorizationHeader(header));
      assertTrue(refused.getMessage(), refused.getMessage().startsWith("the request has no Authorization header;"
          + " send the lakeFS access key id and secret (fs.lakefs.access.key, fs.lakefs.secret.key) as HTTP Basic"));
      assertEquals(Optional.empty(), refused.accessKeyId());
    }
  }

  @Test
  public void refusesOtherSchemesAndBasicWithoutCredentials() {
    assertRefused("Bearer eyJhbGciOiJIUzI1NiJ9." + SECRET, "the Authorization header does not use the Basic scheme");
    assertRefused("Basic" + encoded("AKIA:" + SECRET), "the Authorization header does not use the Basic scheme");
    assertRefused("AKIA:" + SECRET, "the Authorization header does not use the Basic scheme");
    assertRefused("Basic", "the Authorization header has no credentials after 'Basic'");
    assertRefused("Basic   ", "the Authorization header has no credentials after 'Basic'");
  }

  @Test
  public void refusesWhatIsNotPaddedStandardBase64() {
    String encoded = encoded("AKIA:" + SECRET + "x");
    assertTrue("the example needs padding", encoded.endsWith("="));
    String expected = "the Authorization header's Basic credentials are not padded standard base64";
    assertRefused("Basic " + encoded.replace("=", ""), expected);
    assertRefused("Basic  " + encoded, expected);
    String urlSafe = Base64.getUrlEncoder().encodeToString(("AKIA:" + SECRET + "???>>>").getBytes(
        StandardCharsets.UTF_8));
    assertTrue("the example needs URL-safe characters", urlSafe.contains("-") || urlSafe.contains("_"));
    assertRefused("Basic " + urlSafe, expected);
    assertRefused("Basic " + "AKIA:" + SECRET, expected);
    assertRefused("Basic " + encoded + " extra", expected);
  }

  @Test
  public void refusesCredentialsWithoutAColonOrWithAnEmptyPart() {
    assertRefused("Basic " + encoded("AKIA" + SECRET),
        "the Authorization header's Basic credentials have no ':' between access key id and secret");
    assertRefused("Basic " + encoded(":" + SECRET),
        "the Authorization header's Basic credentials have an empty access key id");
    MalformedAuthorizationException noSecret = assertRefused("Basic " + encoded("AKIA:"),
        "the Authorization header's Basic credentials for access key id 'AKIA' have an empty secret");
    assertEquals(Optional.of("AKIA"), noSecret.accessKeyId());
    assertRefused("Basic ", "the Authorization header has no credentials after 'Basic'");
  }

  @Test
  public void refusesCredentialsThatAreNotUtf8() {
    byte[] latin1 = ("AKIA:" + SECRET + "é").getBytes(StandardCharsets.ISO_8859_1);

    assertRefused("Basic " + Base64.getEncoder().encodeToString(latin1),
        "the Authorization header's Basic credentials are not UTF-8 text");
  }

  @Test
  public void refusesToHoldEmptyCredentialsOrAnAccessKeyIdWithAColon() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> new LakeFSCredentials("AKIA", ""));
    assertEquals("lakeFS credentials need a non-empty access key id and secret; got access key id 'AKIA' and an"
        + " empty secret", empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LakeFSCredentials("", SECRET));
    IllegalArgumentException colon = assertThrows(IllegalArgumentException.class,
        () -> new LakeFSCredentials("AKIA:X", SECRET));
    assertTrue(colon.getMessage(), colon.getMessage().startsWith("lakeFS access key id 'AKIA:X' contains ':'"));
    assertFalse(colon.getMessage().contains(SECRET));
  }

  @Test
  public void showsTheAccessKeyIdButNeverTheSecret() throws Exception {
    LakeFSCredentials credentials = LakeFSCredentials.fromAuthorizationHeader("Basic " + encoded("AKIA:" + SECRET));

    assertEquals("LakeFSCredentials{accessKeyId=AKIA, secret=<redacted>}", credentials.toString());
  }

  @Test
  public void showsAccessKeyIdsWithControlCharactersOnOneLine() {
    assertEquals("LakeFSCredentials{accessKeyId=AKIA?FORGED LOG LINE, secret=<redacted>}",
        new LakeFSCredentials("AKIA\nFORGED LOG LINE", SECRET).toString());
  }

  private static MalformedAuthorizationException assertRefused(String header, String expectedStart) {
    MalformedAuthorizationException refused = assertThrows(MalformedAuthorizationException.class,
        () -> LakeFSCredentials.fromAuthorizationHeader(header));
    assertTrue(refused.getMessage(), refused.getMessage().startsWith(expectedStart + "; send the lakeFS access key"
        + " id and secret (fs.lakefs.access.key, fs.lakefs.secret.key) as HTTP Basic credentials"));
    assertFalse(refused.getMessage(), refused.getMessage().contains(SECRET));
    String afterScheme = header.length() > 6 ? header.substring(6).strip() : "";
    assertTrue(afterScheme.isEmpty() || !refused.getMessage().contains(afterScheme));
    return refused;
  }
}
