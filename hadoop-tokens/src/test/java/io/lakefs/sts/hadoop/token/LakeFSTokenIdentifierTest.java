package io.lakefs.sts.hadoop.token;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lakefs.sts.hadoop.client.LakeFSLoginToken;
import io.lakefs.sts.protocol.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.fs.s3a.auth.delegation.AbstractS3ATokenIdentifier;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableUtils;
import org.junit.Test;

public class LakeFSTokenIdentifierTest {

  static final String SECRET_KEY = "SECRETKEY-zq81-must-never-print";
  static final String SESSION_TOKEN = "SESSIONTOKEN-x7c3-must-never-print";
  static final String SERVICE_TOKEN = "SERVICETOKEN-k4p9-must-never-print";
  static final String LOGIN_JWT = "eyJhbGciOiJIUzI1NiJ9.LOGINJWT-m2v8-must-never-print.c2ln";

  static LakeFSTokenIdentifier.Builder sample() {
    return LakeFSTokenIdentifier.builder()
        .owner("alice@EXAMPLE.COM")
        .renewer("yarn")
        .realUser("")
        .uri(URI.create("s3a://warehouse"))
        .origin("test")
        .issueDate(1_700_000_000_000L)
        .maxDate(1_700_604_800_000L)
        .sequenceNumber(42)
        .lakeFSUser("alice")
        .serviceEndpoints(List.of(URI.create("https://sts-1.example.com:8443"),
            URI.create("https://sts-2.example.com:8443")))
        .serviceToken(Secret.of(SERVICE_TOKEN))
        .scope(List.of("s3://warehouse/tables/ read", "s3://warehouse/tmp/alice/ write"));
  }

  static EmbeddedStsCredentials credentials() {
    return new EmbeddedStsCredentials("ASIAEXAMPLEKEYID", Secret.of(SECRET_KEY),
        Secret.of(SESSION_TOKEN), 1_700_003_600_000L);
  }

  static LakeFSLoginToken login() {
    return new LakeFSLoginToken(URI.create("https://lakefs.example.com/api/v1"), Secret.of(LOGIN_JWT),
        1_700_604_800_000L);
  }

  /** Every optional field set: what hostile-input tests corrupt and truncate. */
  static LakeFSTokenIdentifier.Builder full() {
    return sample().credentials(credentials()).lakeFSLogin(login());
  }

  static byte[] serialize(org.apache.hadoop.io.Writable w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    }
    return bytes.toByteArray();
  }

  static LakeFSTokenIdentifier deserialize(byte[] bytes) throws IOException {
    LakeFSTokenIdentifier id = new LakeFSTokenIdentifier();
    id.readFields(new DataInputStream(new ByteArrayInputStream(bytes)));
    return id;
  }

  /** Valid bytes of the S3A parent's fields, so tests can append hand-made bytes for our own fields. */
  static byte[] parentFieldsOnly() throws IOException {
    AbstractS3ATokenIdentifier parent = new AbstractS3ATokenIdentifier(LakeFSTokenIdentifier.kind(),
        new Text("alice"), new Text("yarn"), new Text(), URI.create("s3a://warehouse")) { };
    return serialize(parent);
  }

  static byte[] concat(byte[] head, byte[] tail) {
    byte[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  public void roundTripsWithEmbeddedCredentials() throws IOException {
    LakeFSTokenIdentifier original = sample().credentials(credentials()).build();
    LakeFSTokenIdentifier copy = deserialize(serialize(original));

    assertEquals(original, copy);
    assertEquals("alice", copy.getLakeFSUser());
    assertEquals(original.getServiceEndpoints(), copy.getServiceEndpoints());
    assertEquals(SERVICE_TOKEN, copy.getServiceToken().reveal());
    assertEquals(original.getScope(), copy.getScope());
    assertEquals(new Text("alice@EXAMPLE.COM"), copy.getOwner());
    assertEquals(new Text("yarn"), copy.getRenewer());
    assertEquals(1_700_000_000_000L, copy.getIssueDate());
    assertEquals(1_700_604_800_000L, copy.getMaxDate());
    assertEquals(42, copy.getSequenceNumber());
    assertEquals(original.getUuid(), copy.getUuid());
    assertEquals(URI.create("s3a://warehouse"), copy.getUri());
    assertEquals(LakeFSTokenIdentifier.kind(), copy.getKind());
    EmbeddedStsCredentials c = copy.getCredentials().orElseThrow();
    assertEquals("ASIAEXAMPLEKEYID", c.accessKeyId());
    assertEquals(SECRET_KEY, c.secretAccessKey().reveal());
    assertEquals(SESSION_TOKEN, c.sessionToken().reveal());
    assertEquals(1_700_003_600_000L, c.expirationEpochMillis());
  }

  @Test
  public void roundTripsWithALakeFSLoginToken() throws IOException {
    LakeFSTokenIdentifier original = full().build();
    LakeFSTokenIdentifier copy = deserialize(serialize(original));

    assertEquals(original, copy);
    LakeFSLoginToken login = copy.getLakeFSLogin().orElseThrow();
    assertEquals(URI.create("https://lakefs.example.com/api/v1"), login.lakeFSEndpoint());
    assertEquals(LOGIN_JWT, login.token().reveal());
    assertEquals(1_700_604_800_000L, login.expirationEpochMillis());
    assertNotEquals(original, sample().credentials(credentials()).build());
  }

  /**
   * Bytes a version-1 library (before the login token) wrote for {@code sample().credentials(credentials())},
   * kept as a file: a token issued before an upgrade must still be read by executors and the RM after it.
   */
  @Test
  public void readsIdentifiersWrittenInVersionOne() throws IOException {
    byte[] v1 = java.util.Base64.getDecoder().decode(java.nio.file.Files.readString(
        java.nio.file.Path.of("src/test/resources/lakefs-sts-identifier-v1.b64")).strip());
    LakeFSTokenIdentifier expected = sample().credentials(credentials()).build();

    LakeFSTokenIdentifier read = deserialize(v1);

    assertEquals(expected.getLakeFSUser(), read.getLakeFSUser());
    assertEquals(expected.getServiceEndpoints(), read.getServiceEndpoints());
    assertEquals(expected.getServiceToken(), read.getServiceToken());
    assertEquals(expected.getScope(), read.getScope());
    assertEquals(expected.getCredentials(), read.getCredentials());
    assertEquals(expected.getOwner(), read.getOwner());
    assertEquals(expected.getMaxDate(), read.getMaxDate());
    assertFalse(read.getLakeFSLogin().isPresent());
    // Written again, it is a version-2 identifier that reads back the same.
    assertEquals(read, deserialize(serialize(read)));
  }

  @Test
  public void roundTripsWithoutEmbeddedCredentials() throws IOException {
    LakeFSTokenIdentifier original = sample().build();
    LakeFSTokenIdentifier copy = deserialize(serialize(original));

    assertEquals(original, copy);
    assertFalse(copy.getCredentials().isPresent());
  }

  @Test
  public void equalIdentifiersHaveEqualHashCodesAndDifferentOnesAreUnequal() throws IOException {
    LakeFSTokenIdentifier a = sample().credentials(credentials()).build();
    LakeFSTokenIdentifier b = deserialize(serialize(a));
    assertEquals(a, b);
    assertEquals(b, a);
    assertEquals(a.hashCode(), b.hashCode());

    assertNotEquals(a, sample().credentials(credentials()).build()); // each new identifier gets its own uuid
    assertNotEquals(a, sample().build());
    assertFalse(a.equals(null));
  }

  @Test
  public void gettersReturnUnmodifiableViews() {
    LakeFSTokenIdentifier id = sample().build();
    assertThrows(UnsupportedOperationException.class, () -> id.getScope().add("s3://other/ write"));
    assertThrows(UnsupportedOperationException.class, () -> id.getServiceEndpoints().clear());
  }

  @Test
  public void everyTruncationOfAValidSerializationIsAnIOException() throws IOException {
    for (LakeFSTokenIdentifier id : List.of(sample().build(), sample().credentials(credentials()).build(),
        full().build())) {
      byte[] valid = serialize(id);
      for (int length = 0; length < valid.length; length++) {
        byte[] truncated = Arrays.copyOf(valid, length);
        try {
          deserialize(truncated);
          fail("a serialization truncated to " + length + " of " + valid.length + " bytes was accepted");
        } catch (IOException expected) {
          // what Hadoop's Token.toString() and decodeIdentifier() can handle
        }
      }
    }
  }

  @Test(timeout = 60_000)
  public void randomGarbageIsRejectedWithIOExceptionOnly() {
    Random random = new Random(20261129L);
    for (int i = 0; i < 20_000; i++) {
      byte[] garbage = new byte[random.nextInt(512)];
      random.nextBytes(garbage);
      assertOnlyIOException(garbage, "random garbage, iteration " + i);
    }
  }

  @Test(timeout = 60_000)
  public void corruptedValidSerializationsFailOnlyWithIOException() throws IOException {
    byte[] valid = serialize(full().build());
    Random random = new Random(4L);
    for (int i = 0; i < 20_000; i++) {
      byte[] corrupt = valid.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
      }
      assertOnlyIOException(corrupt, "corrupted serialization, iteration " + i);
    }
  }

  private static void assertOnlyIOException(byte[] bytes, String what) {
    try {
      deserialize(bytes);
    } catch (IOException expected) {
      // fine: either rejected ...
    } catch (Throwable t) {
      throw new AssertionError(what + " threw " + t + " instead of an IOException", t);
    }
    // ... or, for corrupted bytes that happen to stay well-formed, accepted as a different identifier.
  }

  @Test
  public void unknownFormatVersionIsRefusedNamingTheVersion() throws IOException {
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    new DataOutputStream(ours).writeInt(7);
    IOException e = assertThrows(IOException.class,
        () -> deserialize(concat(parentFieldsOnly(), ours.toByteArray())));
    assertTrue(e.getMessage(), e.getMessage().contains("format version 7"));
  }

  @Test(timeout = 2_000)
  public void hugeDeclaredStringLengthIsRefusedWithoutAllocating() throws IOException {
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(ours);
    out.writeInt(LakeFSTokenIdentifier.FORMAT_VERSION);
    WritableUtils.writeVInt(out, Integer.MAX_VALUE); // length of the lakeFS user
    assertThrows(IOException.class, () -> deserialize(concat(parentFieldsOnly(), ours.toByteArray())));
  }

  @Test(timeout = 2_000)
  public void hugeDeclaredListLengthIsRefusedWithoutAllocating() throws IOException {
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(ours);
    out.writeInt(LakeFSTokenIdentifier.FORMAT_VERSION);
    Text.writeString(out, "alice");
    WritableUtils.writeVInt(out, Integer.MAX_VALUE); // number of endpoints
    IOException e = assertThrows(IOException.class,
        () -> deserialize(concat(parentFieldsOnly(), ours.toByteArray())));
    assertTrue(e.getMessage(), e.getMessage().contains("1000"));
  }

  @Test(timeout = 2_000)
  public void negativeDeclaredLengthIsRefused() throws IOException {
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(ours);
    out.writeInt(LakeFSTokenIdentifier.FORMAT_VERSION);
    WritableUtils.writeVInt(out, -5);
    assertThrows(IOException.class, () -> deserialize(concat(parentFieldsOnly(), ours.toByteArray())));
  }

  @Test
  public void toStringShowsWhatDtutilPrintNeedsAndNoSecret() throws IOException {
    LakeFSTokenIdentifier id = full().build();
    for (String text : List.of(id.toString(), deserialize(serialize(id)).toString())) {
      assertTrue(text, text.contains("LAKEFS_STS"));
      assertTrue(text, text.contains("alice@EXAMPLE.COM"));
      assertTrue(text, text.contains("renewer=yarn"));
      assertTrue(text, text.contains("lakeFSUser=alice"));
      assertTrue(text, text.contains("https://sts-2.example.com:8443"));
      assertTrue(text, text.contains("s3://warehouse/tmp/alice/ write"));
      assertTrue(text, text.contains("ASIAEXAMPLEKEYID"));
      assertTrue(text, text.contains("2023-11-14T23:13:20Z")); // credentials' expiration
      assertTrue(text, text.contains("lakeFSLogin=LakeFSLogin{endpoint=https://lakefs.example.com/api/v1"));
      assertTrue(text, text.contains("2023-11-21T22:13:20Z")); // the login token's expiration
      assertNoSecret(text);
    }
    assertNoSecret(credentials().toString());
    assertNoSecret(Secret.of(SECRET_KEY).toString());
    assertNoSecret(login().toString());
  }

  @Test
  public void failuresToReadNeverQuoteASecret() throws IOException {
    byte[] valid = serialize(full().build());
    Random random = new Random(9L);
    for (int i = 0; i < 2_000; i++) {
      byte[] corrupt = valid.clone();
      corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
      try {
        deserialize(corrupt);
      } catch (IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertNoSecret(String.valueOf(t.getMessage()));
        }
      }
    }
  }

  static void assertNoSecret(String text) {
    for (String secret : List.of(SECRET_KEY, SESSION_TOKEN, SERVICE_TOKEN, LOGIN_JWT.substring(21))) {
      assertFalse("leaked " + secret + " in: " + text, text.contains(secret.substring(0, 16)));
    }
  }

  @Test
  public void builderRefusesAnIdentifierWithoutTheServiceToken() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sample().serviceToken(null).build());
    assertTrue(e.getMessage(), e.getMessage().contains("serviceToken(...)"));
  }

  @Test
  public void builderRefusesAFieldTooLongToBeReadBack() {
    String huge = "s3://warehouse/" + "x".repeat(70_000) + "/ read";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sample().scope(List.of(huge)).build());
    assertTrue(e.getMessage(), e.getMessage().contains("shorten it"));
    assertFalse(e.getMessage(), e.getMessage().contains("xxxx"));
  }
}
