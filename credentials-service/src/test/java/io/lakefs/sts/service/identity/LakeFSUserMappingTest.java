package io.lakefs.sts.service.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class LakeFSUserMappingTest {
  private static final String KEY = "lakefs.sts.kerberos.user-mapping";

  @Test
  public void anEntryForThePrincipalWinsOverOneForTheShortNameWhichWinsOverTheShortName() {
    LakeFSUserMapping mapping = LakeFSUserMapping.parse(KEY,
        " etl/host1.example.com@EXAMPLE.COM = etl-bot , alice=alice.liddell,,");

    assertEquals("etl-bot", mapping.lakeFSUser("etl/host1.example.com@EXAMPLE.COM", "etl"));
    assertEquals("etl", mapping.lakeFSUser("etl/host2.example.com@EXAMPLE.COM", "etl"));
    assertEquals("alice.liddell", mapping.lakeFSUser("alice@EXAMPLE.COM", "alice"));
    assertEquals("alice.liddell", mapping.lakeFSUser("alice"));
    assertEquals("bob", mapping.lakeFSUser("bob@EXAMPLE.COM", "bob"));
    assertEquals("bob", LakeFSUserMapping.parse(KEY, " ").lakeFSUser("bob"));
  }

  @Test
  public void aMalformedOrRepeatedEntryNamesTheKeyAndTheEntry() {
    IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
        () -> LakeFSUserMapping.parse(KEY, "alice=alice.liddell,bob"));
    IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
        () -> LakeFSUserMapping.parse(KEY, "alice=a,alice=b"));

    assertEquals(KEY + ": 'bob' is not name=lakefs-user (a Kerberos principal or short name, '=', the lakeFS user id"
        + " it stands for); separate entries with ','", malformed.getMessage());
    assertEquals(KEY + ": 'alice' is mapped twice; keep one entry for it", repeated.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LakeFSUserMapping.parse(KEY, "=x"));
    assertThrows(IllegalArgumentException.class, () -> LakeFSUserMapping.parse(KEY, "a=b=c"));
  }
}
