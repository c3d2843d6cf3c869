package io.lakefs.sts.service.scope;

import static io.lakefs.sts.service.scope.StorageNamespaceTest.assertContains;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class AccessLevelTest {

  @Test
  public void parsesReadWriteAndGcInAnyCase() {
    assertEquals(AccessLevel.READ, AccessLevel.parse("read"));
    assertEquals(AccessLevel.GC, AccessLevel.parse("GC"));
    assertEquals(AccessLevel.WRITE, AccessLevel.parse("Write"));
    assertEquals(AccessLevel.WRITE, AccessLevel.parse("WRITE"));
  }

  @Test
  public void refusesAnythingElseListingTheAllowedValues() {
    for (String bad : new String[] {"admin", "", " read", null}) {
      String message = assertThrows(IllegalArgumentException.class, () -> AccessLevel.parse(bad)).getMessage();
      assertContains(message, "'" + bad + "'", "read, write, gc");
    }
  }

  @Test
  public void writeIncludesReadButNotTheOtherWayRound() {
    assertTrue(AccessLevel.WRITE.includes(AccessLevel.READ));
    assertTrue(AccessLevel.READ.includes(AccessLevel.READ));
    assertFalse(AccessLevel.READ.includes(AccessLevel.WRITE));
  }

  /** Garbage collection deletes and never uploads; a writer uploads and never deletes. */
  @Test
  public void gcAndWriteEachIncludeReadButNotEachOther() {
    assertTrue(AccessLevel.GC.includes(AccessLevel.READ));
    assertFalse(AccessLevel.GC.includes(AccessLevel.WRITE));
    assertFalse(AccessLevel.WRITE.includes(AccessLevel.GC));
    assertFalse(AccessLevel.READ.includes(AccessLevel.GC));
  }

  @Test
  public void wireNameIsLowerCase() {
    assertEquals("read", AccessLevel.READ.wireName());
    assertEquals("write", AccessLevel.WRITE.wireName());
  }
}
