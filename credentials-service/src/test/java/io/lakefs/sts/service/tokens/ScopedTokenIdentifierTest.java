package io.lakefs.sts.service.tokens;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.StorageNamespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenIdentifier;
import org.junit.Test;

/** The wire format of the scoped identifier: what the RM and executors carry and the service reads back. */
public class ScopedTokenIdentifierTest {
  private static final Text KIND = new Text("LAKEFS_STS_DELEGATION_TOKEN");

  private static ScopedTokenIdentifier identifier() {
    Map<String, List<StorageNamespace>> locations = new LinkedHashMap<>();
    locations.put("repo2", List.of(StorageNamespace.parse("s3://data/repo2/")));
    locations.put("repo1", List.of(StorageNamespace.parse("s3://data/repo1/"), StorageNamespace.parse("s3://imports/r1/")));
    ScopedTokenIdentifier identifier = new ScopedTokenIdentifier(KIND, new Text("alice@EXAMPLE.COM"), new Text("yarn"),
        "alice", new ResolvedScope(AccessLevel.WRITE, locations, Map.of("repo1", "west")));
    identifier.setSequenceNumber(42);
    identifier.setMaxDate(1_800_000_000_000L);
    return identifier;
  }

  private static ScopedTokenIdentifier read(byte[] bytes) throws IOException {
    ScopedTokenIdentifier read = new ScopedTokenIdentifier(KIND);
    read.readFields(new DataInputStream(new ByteArrayInputStream(bytes)));
    return read;
  }

  @Test
  public void readsBackWhatItWroteInOrder() throws IOException {
    ScopedTokenIdentifier read = read(identifier().getBytes());

    assertEquals(identifier(), read);
    assertEquals("alice", read.lakeFSUser());
    assertEquals(List.of("repo2", "repo1"), read.scope().repositories());
    assertEquals("[s3://data/repo2/ (write), s3://data/repo1/ (write), s3://imports/r1/ (read)]",
        read.scope().grants().toString());
    assertEquals(Optional.of("west"), read.scope().storageId("repo1"));
    assertEquals(Optional.empty(), read.scope().storageId("repo2"));
    assertEquals(42, read.getSequenceNumber());
  }

  /** Tokens issued before storage ids were carried (format 1) still work, as tokens of the default storage. */
  @Test
  public void readsAFormatOneTokenAsOneOfTheDefaultStorage() throws IOException {
    Map<String, List<StorageNamespace>> locations = Map.of("repo1", List.of(StorageNamespace.parse("s3://data/repo1/")));
    ScopedTokenIdentifier current = new ScopedTokenIdentifier(KIND, new Text("alice"), new Text("yarn"), "alice",
        new ResolvedScope(AccessLevel.READ, locations));
    byte[] bytes = current.getBytes();
    // Format 2 ends with the count of repositories on other storages, 0 here; format 1 had no such field.
    byte[] formatOne = Arrays.copyOf(bytes, bytes.length - 1);
    int version = indexOf(formatOne, new byte[] {0, 0, 0, 2, 5, 'a', 'l', 'i', 'c', 'e'});
    formatOne[version + 3] = 1;

    ScopedTokenIdentifier read = read(formatOne);

    assertEquals(current.scope(), read.scope());
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + part.length), part)) {
        return i;
      }
    }
    throw new AssertionError("format version and user not found in the identifier's bytes");
  }

  @Test
  public void anotherScopeIsAnotherToken() {
    ScopedTokenIdentifier other = new ScopedTokenIdentifier(KIND, new Text("alice@EXAMPLE.COM"), new Text("yarn"),
        "alice", new ResolvedScope(AccessLevel.READ, identifier().scope().locations()));
    other.setSequenceNumber(42);
    other.setMaxDate(1_800_000_000_000L);

    assertNotEquals(identifier(), other);
  }

  @Test
  public void truncatedOrUnknownVersionsAreRefusedSayingSo() throws IOException {
    byte[] bytes = identifier().getBytes();
    IOException truncated = assertThrows(IOException.class, () -> read(Arrays.copyOf(bytes, bytes.length - 3)));
    assertTrue(truncated.getMessage(), truncated.getMessage().contains("truncated or corrupt"));

    ByteArrayOutputStream parent = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(parent);
    new DelegationTokenIdentifier(KIND).write(out); // Hadoop's fields alone
    out.writeInt(ScopedTokenIdentifier.FORMAT_VERSION + 1);
    IOException future = assertThrows(IOException.class, () -> read(parent.toByteArray()));
    assertTrue(future.getMessage(), future.getMessage().contains("format version"));
  }

  @Test
  public void anOversizedCountIsRefusedBeforeAllocating() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    new DelegationTokenIdentifier(KIND).write(out); // Hadoop's fields alone
    out.writeInt(ScopedTokenIdentifier.FORMAT_VERSION);
    Text.writeString(out, "alice");
    Text.writeString(out, "read");
    WritableUtils.writeVInt(out, Integer.MAX_VALUE);

    IOException refused = assertThrows(IOException.class, () -> read(bytes.toByteArray()));
    assertTrue(refused.getMessage(), refused.getMessage().contains("malformed"));
  }
}
