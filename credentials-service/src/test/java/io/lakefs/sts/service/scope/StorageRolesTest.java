package io.lakefs.sts.service.scope;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** Which role reaches which storage: a bucket's role first, then the repository's storage's, then the default. */
public class StorageRolesTest {
  private static final Role DEFAULT = new Role("arn:aws:iam::123456789012:role/lakefs-sts", Optional.empty());
  private static final Role WEST = new Role("arn:aws:iam::123456789012:role/west", Optional.empty());
  private static final Role PARTNER = new Role("arn:aws:iam::210987654321:role/partner", Optional.of("shared-id"));
  private static final StorageRoles ROLES = new StorageRoles(DEFAULT, Map.of("west", WEST),
      Map.of("partner-data", PARTNER));

  private static ResolvedScope scope() {
    Map<String, List<StorageNamespace>> locations = new LinkedHashMap<>();
    locations.put("sales", List.of(StorageNamespace.parse("s3://lakefs-data/sales/")));
    locations.put("west", List.of(StorageNamespace.parse("s3://west-data/west/")));
    locations.put("partner", List.of(StorageNamespace.parse("s3://partner-data/p/")));
    locations.put("west-imports", List.of(StorageNamespace.parse("s3://west-data/wi/"),
        StorageNamespace.parse("s3://partner-data/imports/")));
    return new ResolvedScope(AccessLevel.READ, locations, Map.of("west", "west", "west-imports", "west"));
  }

  @Test
  public void eachLocationGetsItsBucketsOrStoragesOrTheDefaultRole() {
    assertEquals(DEFAULT, ROLES.roleFor(scope(), List.of("sales")));
    assertEquals(WEST, ROLES.roleFor(scope(), List.of("west")));
    assertEquals(PARTNER, ROLES.roleFor(scope(), List.of("partner")));
  }

  @Test
  public void aScopeSpanningTwoRolesIsRefusedNamingEachAndWhatToDo() {
    String message = assertThrows(StorageRoles.ScopeSpansRolesException.class,
        () -> ROLES.roleFor(scope(), List.of("sales", "west"))).getMessage();

    assertTrue(message, message.contains("sales (s3://lakefs-data/sales/) through " + DEFAULT.arn()));
    assertTrue(message, message.contains("west (s3://west-data/west/, storage west) through " + WEST.arn()));
    assertTrue(message, message.contains("per storage"));
  }

  /** An import location in another account's bucket needs that bucket's role, even within one repository. */
  @Test
  public void oneRepositoryWhoseImportsNeedAnotherRoleIsRefusedToo() {
    assertThrows(StorageRoles.ScopeSpansRolesException.class, () -> ROLES.roleFor(scope(), List.of("west-imports")));
  }

  @Test
  public void theExternalIdIsNeverShown() {
    assertEquals(PARTNER.arn() + " (external id <set>)", PARTNER.toString());
  }
}
