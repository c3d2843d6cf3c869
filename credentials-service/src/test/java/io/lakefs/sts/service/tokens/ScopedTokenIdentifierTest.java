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
        "alice", new ResolvedScope(AccessLevel.WRITE, locations));
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
    assertEquals("[s3://data/repo2/ (write), s3://data/repo1/ (write), s3://imports/r1/ (write)]",
        read.scope().grants().toString());
    assertEquals(42, read.getSequenceNumber());
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
