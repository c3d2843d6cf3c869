package io.lakefs.sts.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

public class RefusalReasonTest {
  @Test
  public void codesAreUniqueLowerSnakeCaseAndStatusesAreErrors() {
    Set<String> codes = new HashSet<>();
    for (RefusalReason reason : RefusalReason.values()) {
      assertTrue(reason.code(), codes.add(reason.code()));
      assertTrue(reason.code(), reason.code().matches("[a-z]+(_[a-z]+)*"));
      assertEquals(reason.name().toLowerCase(java.util.Locale.ROOT), reason.code());
      assertTrue(reason + " " + reason.status(), reason.status() >= 400 && reason.status() <= 599);
      assertEquals(reason, RefusalReason.fromCode(reason.code()));
    }
    assertNull(RefusalReason.fromCode("no_such_reason"));
  }

  @Test
  public void operationsAreReadInAnyCase() {
    assertEquals(DelegationTokenOperation.RENEW, DelegationTokenOperation.fromWireName("renewDelegationToken"));
    assertEquals("PUT", DelegationTokenOperation.CANCEL.httpMethod());
    assertNull(DelegationTokenOperation.fromWireName("GETTOKEN"));
    assertNull(DelegationTokenOperation.fromWireName(null));
  }
}
