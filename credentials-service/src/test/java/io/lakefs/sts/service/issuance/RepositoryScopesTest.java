package io.lakefs.sts.service.issuance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.KmsKeys;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.service.scope.StorageNamespace;
import io.lakefs.sts.service.scope.StorageRoles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** The session policy of a scope is rendered once, whichever request (or token) asks for it again. */
public class RepositoryScopesTest {
  private static final ResolvedScope SCOPE = new ResolvedScope(AccessLevel.WRITE, Map.of(
      "repo1", List.of(StorageNamespace.ofRepository("repo1", "s3://lakefs-data/repo1/")),
      "repo2", List.of(StorageNamespace.ofRepository("repo2", "s3://lakefs-data/repo2/"))), Map.of());
  // lakeFS is never asked for a scope already resolved.
  private final RepositoryScopes scopes = new RepositoryScopes(null, Map.of(),
      StorageRoles.single(new Role("arn:aws:iam::123456789012:role/lakefs-sts", Optional.empty())), KmsKeys.none());

  @Test
  public void theSameGrantsGetTheSamePolicyRenderedOnce() throws Exception {
    SessionPolicy first = scopes.credentialScope(SCOPE, List.of("repo1"), AccessLevel.READ).policy();
    SessionPolicy again = scopes.credentialScope(SCOPE, List.of("repo1"), AccessLevel.READ).policy();
    SessionPolicy write = scopes.credentialScope(SCOPE, List.of("repo1"), AccessLevel.WRITE).policy();

    assertSame(first, again);
    assertNotSame(first, write);
    assertEquals(SessionPolicy.forGrants(SCOPE.narrowed(List.of("repo1"), AccessLevel.READ)), first);
  }
}
