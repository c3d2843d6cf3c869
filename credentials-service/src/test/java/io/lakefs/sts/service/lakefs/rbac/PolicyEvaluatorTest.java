package io.lakefs.sts.service.lakefs.rbac;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.Test;

/**
 * The decisions lakeFS's RBAC makes, on the cases of lakeFS's own tests ({@code pkg/auth}: TestArnMatch,
 * TestParsePolicyResourceAsList, the Authorize table of service_test.go, policy_filter_test.go) and on how
 * lakeFS's built-in groups combine.
 */
public class PolicyEvaluatorTest {
  private static final String OBJECT_BAR = "arn:lakefs:fs:::repository/foo/object/bar";

  @Test
  public void anAllowOnTheExactResourceAndActionGrants() {
    assertEquals(Decision.ALLOW, decide(List.of(Policy.of("p", PolicyStatement.allow(OBJECT_BAR, "fs:WriteObject"))),
        "fs:WriteObject", OBJECT_BAR));
  }

  @Test
  public void aDenyAloneRefusesAndNothingMatchingIsNeutral() {
    assertEquals(Decision.DENY, decide(List.of(Policy.of("p", PolicyStatement.deny(OBJECT_BAR, "fs:WriteObject"))),
        "fs:WriteObject", OBJECT_BAR));
    assertEquals(Decision.NEUTRAL, decide(List.of(Policy.of("p", PolicyStatement.allow(OBJECT_BAR, "fs:ReadObject"))),
        "fs:WriteObject", OBJECT_BAR));
    assertEquals(Decision.NEUTRAL, decide(List.of(), "fs:ReadObject", OBJECT_BAR));
  }

  @Test
  public void denyWinsWhateverPolicyAndOrderItComesIn() {
    Policy allowDelete = Policy.of("allow", PolicyStatement.allow("arn:lakefs:auth:::user/foobar", "auth:DeleteUser"));
    Policy denyAuth = Policy.of("deny", PolicyStatement.deny("*", "auth:*"));
    assertEquals(Decision.DENY, decide(List.of(allowDelete, denyAuth), "auth:DeleteUser", "arn:lakefs:auth:::user/foobar"));
    assertEquals(Decision.DENY, decide(List.of(denyAuth, allowDelete), "auth:DeleteUser", "arn:lakefs:auth:::user/foobar"));
    // The deny is for auth:*, so it leaves fs actions alone.
    Policy readAll = Policy.of("read", PolicyStatement.allow("*", "fs:Read*"));
    assertEquals(Decision.ALLOW, decide(List.of(denyAuth, readAll), "fs:ReadObject", OBJECT_BAR));
  }

  @Test
  public void wildcardsInActions() {
    Policy createAnything = Policy.of("p", PolicyStatement.allow("arn:lakefs:auth:::user/foobar", "auth:Create*"));
    assertTrue(allows(createAnything, "auth:CreateUser", "arn:lakefs:auth:::user/foobar"));
    assertFalse(allows(createAnything, "auth:DeleteUser", "arn:lakefs:auth:::user/foobar"));
    Policy oneCharacter = Policy.of("p", PolicyStatement.allow("*", "fs:?eadObject"));
    assertTrue(allows(oneCharacter, "fs:ReadObject", OBJECT_BAR));
    assertFalse(allows(oneCharacter, "fs:ReReadObject", OBJECT_BAR));
    assertTrue(allows(Policy.of("p", PolicyStatement.allow("*", "*")), "retention:PrepareGarbageCollectionCommits",
        "arn:lakefs:fs:::repository/r"));
  }

  @Test
  public void wildcardsInResourcesMatchOnlyTheResourcePartAsAFlatName() {
    // lakeFS's TestArnMatch.
    assertTrue(Resources.arnMatches("arn:lakefs:repos::b:myrepo", "arn:lakefs:repos::b:myrepo"));
    assertTrue(Resources.arnMatches("arn:lakefs:repos::b:*", "arn:lakefs:repos::b:myrepo"));
    assertTrue(Resources.arnMatches("arn:lakefs:repos::b:my*", "arn:lakefs:repos::b:myrepo"));
    assertTrue(Resources.arnMatches("arn:lakefs:repos::b:my*po", "arn:lakefs:repos::b:myrepo"));
    assertFalse(Resources.arnMatches("arn:lakefs:repos::b:our*", "arn:lakefs:repos::b:myrepo"));
    assertFalse(Resources.arnMatches("arn:lakefs:repos::b:my*own", "arn:lakefs:repos::b:myrepo"));
    assertFalse(Resources.arnMatches("arn:lakefs:repos::b:myrepo", "arn:lakefs:repos::b:*"));
    assertTrue(Resources.arnMatches("arn:lakefs:repo:::*", "arn:lakefs:repo:::*"));
    assertFalse(Resources.arnMatches("arn:lakefs:repo", "arn:lakefs:repo"));
    // The service and account must be equal, with no wildcard; the region is not compared.
    assertFalse(Resources.arnMatches("arn:lakefs:*:::repository/r", "arn:lakefs:fs:::repository/r"));
    assertFalse(Resources.arnMatches("arn:lakefs:fs::a:repository/r", "arn:lakefs:fs:::repository/r"));
    assertTrue(Resources.arnMatches("arn:lakefs:fs:eu::repository/r", "arn:lakefs:fs:::repository/r"));
    // '*' crosses '/', so repository/r* covers repository/r10 and every object in it.
    assertTrue(Resources.arnMatches("arn:lakefs:fs:::repository/r*", "arn:lakefs:fs:::repository/r10/object/a/b"));
    assertFalse(Resources.arnMatches("arn:lakefs:fs:::repository/r", "arn:lakefs:fs:::repository/r10"));
    assertTrue(Resources.arnMatches("arn:lakefs:fs:::myrepo/*", "arn:lakefs:fs:::myrepo/branch/file:with:colon"));
    assertTrue(Resources.arnMatches("*", "not even an arn"));
  }

  @Test
  public void theUserVariableStandsForTheUserAsked() {
    Policy own = Policy.of("p", PolicyStatement.allow("arn:lakefs:auth:::user/${user}", "auth:CreateUser"));
    assertTrue(PolicyEvaluator.allows(List.of(own), "alice", "auth:CreateUser", "arn:lakefs:auth:::user/alice"));
    assertFalse(PolicyEvaluator.allows(List.of(own), "alice", "auth:CreateUser", "arn:lakefs:auth:::user/foobar"));
    assertFalse(PolicyEvaluator.allows(List.of(own), "alice", "auth:CreateUser", "arn:lakefs:auth:::user/alicexxxx"));
  }

  @Test
  public void aResourceMayBeAJsonListOfPatterns() {
    Policy two = Policy.of("p", PolicyStatement.allow(
        "[\"arn:lakefs:fs:::repository/a\", \"arn:lakefs:fs:::repository/b*\"]", "fs:ReadRepository"));
    assertTrue(allows(two, "fs:ReadRepository", "arn:lakefs:fs:::repository/a"));
    assertTrue(allows(two, "fs:ReadRepository", "arn:lakefs:fs:::repository/b2"));
    assertFalse(allows(two, "fs:ReadRepository", "arn:lakefs:fs:::repository/c"));
    assertEquals(Optional.of(List.of("arn:lakefs:repos::b:m\"yrepo  ", "arn:lakefs:repos::b:hisrepo")),
        Resources.parse("[\"arn:lakefs:repos::b:m\\\"yrepo  \",\"arn:lakefs:repos::b:hisrepo\"]"));
    assertEquals(Optional.of(List.of("  arn:lakefs:repos::b:myrepo ")), Resources.parse("  arn:lakefs:repos::b:myrepo "));
  }

  @Test
  public void anUnreadableResourceListRefusesTheWholeCheckAsLakeFSDoes() {
    Policy broken = Policy.of("broken", PolicyStatement.allow(
        "[\"arn:lakefs:repos::b:myrepo\" \"arn:lakefs:repos::b:hisrepo\"]", "fs:ReadRepository"));
    Policy readAll = Policy.of("read", PolicyStatement.allow("*", "fs:*"));
    assertEquals(Optional.empty(), Resources.parse(broken.statements().get(0).resource()));
    assertEquals(Decision.DENY, decide(List.of(readAll, broken), "fs:ReadRepository", "arn:lakefs:fs:::repository/x"));
  }

  @Test
  public void conditionsTheServiceCannotTestNeverGrantButAlwaysRefuse() {
    PolicyStatement conditionalAllow = new PolicyStatement(Effect.ALLOW, List.of("fs:ReadObject"), "*", true);
    PolicyStatement conditionalDeny = new PolicyStatement(Effect.DENY, List.of("fs:ReadObject"), "*", true);
    PolicyStatement plainAllow = PolicyStatement.allow("*", "fs:ReadObject");
    assertEquals(Decision.NEUTRAL, decide(List.of(new Policy("p", List.of(conditionalAllow))), "fs:ReadObject", OBJECT_BAR));
    assertEquals(Decision.DENY, decide(List.of(new Policy("p", List.of(plainAllow, conditionalDeny))), "fs:ReadObject",
        OBJECT_BAR));
  }

  @Test
  public void lakeFSBuiltInGroupsCombineAsTheirPoliciesSay() {
    // Viewers hold FSReadAll; Developers add FSReadWriteAll; a deny policy on one repository takes it away.
    Policy fsReadAll = Policy.of("FSReadAll", PolicyStatement.allow("*", "fs:List*", "fs:Read*"));
    Policy fsReadWriteAll = Policy.of("FSReadWriteAll",
        PolicyStatement.allow("*", "fs:Read*", "fs:List*", "fs:WriteObject", "fs:DeleteObject", "fs:CreateCommit"));
    Policy denySecret = Policy.of("NoSecret", PolicyStatement.deny("arn:lakefs:fs:::repository/secret*", "fs:*"));
    String object = "arn:lakefs:fs:::repository/sales/object/data/x";
    assertFalse(PolicyEvaluator.allows(List.of(fsReadAll), "viewer", "fs:WriteObject", object));
    assertTrue(PolicyEvaluator.allows(List.of(fsReadAll, fsReadWriteAll), "dev", "fs:WriteObject", object));
    assertFalse(PolicyEvaluator.allows(List.of(fsReadAll, fsReadWriteAll, denySecret), "dev", "fs:ReadRepository",
        "arn:lakefs:fs:::repository/secret"));
    assertTrue(PolicyEvaluator.allows(List.of(fsReadAll, fsReadWriteAll, denySecret), "dev", "fs:ReadRepository",
        "arn:lakefs:fs:::repository/sales"));
  }

  @Test
  public void wildcardMatchingIsLakeFSs() {
    assertTrue(Wildcard.matches("", ""));
    assertFalse(Wildcard.matches("", "a"));
    assertTrue(Wildcard.matches("*", ""));
    assertTrue(Wildcard.matches("a*", "a"));
    assertTrue(Wildcard.matches("a*b*c", "aXXbYYc"));
    assertFalse(Wildcard.matches("a*b*c", "aXXbYY"));
    assertTrue(Wildcard.matches("a?c", "abc"));
    assertFalse(Wildcard.matches("a?c", "ac"));
    assertTrue(Wildcard.matches("?", "\uD83D\uDE00"));
    assertTrue(Wildcard.matches("*/object/*", "repository/r/object/a/b"));
    assertFalse(Wildcard.matches("abc", "abcd"));
    // Backtracking stays linear: this would take exponential time with naive recursion.
    assertFalse(Wildcard.matches("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(5_000)));
  }

  private static Decision decide(List<Policy> policies, String action, String arn) {
    return PolicyEvaluator.decide(policies, "alice", action, arn);
  }

  private static boolean allows(Policy policy, String action, String arn) {
    return PolicyEvaluator.allows(List.of(policy), "alice", action, arn);
  }
}
