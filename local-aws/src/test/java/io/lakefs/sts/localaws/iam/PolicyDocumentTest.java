package io.lakefs.sts.localaws.iam;

import static io.lakefs.sts.localaws.ExamplePolicies.ADMIN;
import static io.lakefs.sts.localaws.ExamplePolicies.REPO1_SESSION_POLICY;
import static io.lakefs.sts.localaws.iam.PolicyDocument.Decision.ALLOW;
import static io.lakefs.sts.localaws.iam.PolicyDocument.Decision.EXPLICIT_DENY;
import static io.lakefs.sts.localaws.iam.PolicyDocument.Decision.NOT_ALLOWED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class PolicyDocumentTest {

  // ---- parsing and validation -------------------------------------------------------------------

  @Test
  public void keepsThePolicyTextAsGiven() throws Exception {
    assertEquals(REPO1_SESSION_POLICY, PolicyDocument.parse(REPO1_SESSION_POLICY).json());
  }

  @Test
  public void toStringIsShortAndNamesStatementsBySid() throws Exception {
    PolicyDocument policy = PolicyDocument.parse("""
        {"Version":"2012-10-17","Id":"p1","Statement":[
         {"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
         {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}""");
    assertEquals("PolicyDocument{Id=p1, Version=2012-10-17, statements=2, Sids=[Read]}", policy.toString());
  }

  @Test
  public void acceptsASingleStatementObjectAndNoVersion() throws Exception {
    PolicyDocument policy = PolicyDocument.parse(
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}");
    assertEquals(ALLOW, policy.evaluate("s3:GetObject", "arn:aws:s3:::b/k", Map.of()));
  }

  @Test
  public void acceptsTheLegacyVersion() throws Exception {
    PolicyDocument.parse(ADMIN.replace("2012-10-17", "2008-10-17"));
  }

  @Test
  public void refusesTextThatIsNotJson() {
    assertMalformed("{\"Version\":", "Syntax errors in policy. The policy is not valid JSON");
    assertMalformed("", "Syntax errors in policy. The policy document is empty");
    assertMalformed("[]", "A policy must be a JSON object");
    assertMalformed(ADMIN + "{}", "not valid JSON");
  }

  @Test
  public void refusesDuplicateJsonKeysInsteadOfSilentlyKeepingTheLast() {
    assertMalformed("{\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}",
        "not valid JSON");
  }

  @Test
  public void refusesAnUnknownVersion() {
    assertMalformed(ADMIN.replace("2012-10-17", "2012-10-18"),
        "The policy failed legacy parsing. Version must be \"2012-10-17\"");
  }

  @Test
  public void refusesAMissingOrEmptyStatement() {
    assertMalformed("{\"Version\":\"2012-10-17\"}", "Missing required field Statement.");
    assertMalformed("{\"Version\":\"2012-10-17\",\"Statement\":[]}", "The Statement array is empty");
  }

  @Test
  public void refusesAnEffectOtherThanAllowOrDeny() {
    assertMalformed(statement("\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\""),
        "Invalid effect: allow. In statement 1, Effect must be \"Allow\" or \"Deny\"");
    assertMalformed(statement("\"Action\":\"*\",\"Resource\":\"*\""), "Missing required field Effect.");
  }

  @Test
  public void requiresExactlyOneOfActionAndNotAction() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Resource\":\"*\""),
        "Policy statement must contain actions. In statement 1, give exactly one of Action or NotAction (found neither)");
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"s3:Get*\",\"Resource\":\"*\""),
        "Policy statement must contain actions. In statement 1, give exactly one of Action or NotAction (found both)");
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\""),
        "Policy statement must contain actions. In statement 1, Action is an empty list");
  }

  @Test
  public void requiresExactlyOneOfResourceAndNotResource() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\""),
        "Policy statement must contain resources. In statement 1, give exactly one of Resource or NotResource (found neither)");
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"NotResource\":\"*\""),
        "Policy statement must contain resources. In statement 1, give exactly one of Resource or NotResource (found both)");
  }

  @Test
  public void refusesAPrincipalBecauseIdentityAndSessionPoliciesHaveNone() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\""),
        "Policy document should not specify a principal.");
    assertMalformed(statement(
        "\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::1:root\"},\"Action\":\"*\",\"Resource\":\"*\""),
        "Policy document should not specify a principal.");
  }

  @Test
  public void refusesAnUnknownConditionOperator() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
        + "\"Condition\":{\"StringEqualz\":{\"s3:prefix\":\"a\"}}"), "Invalid Condition type : StringEqualz.");
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
        + "\"Condition\":{\"NullIfExists\":{\"s3:prefix\":\"true\"}}"), "Invalid Condition type : NullIfExists.");
  }

  @Test
  public void saysWhenAnOperatorIsValidInIamButNotEvaluatedHere() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
        + "\"Condition\":{\"NumericLessThanEquals\":{\"s3:max-keys\":\"10\"}}"),
        "Condition type NumericLessThanEquals in statement 1 is valid in IAM but local-aws does not evaluate it");
  }

  @Test
  public void refusesUnknownElements() {
    assertMalformed("{\"Version\":\"2012-10-17\",\"statement\":[]}",
        "Syntax errors in policy. Unknown policy element \"statement\"");
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Resources\":\"*\""),
        "Syntax errors in policy. Unknown element \"Resources\" in statement 1");
  }

  @Test
  public void refusesActionsWithoutAServicePrefix() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\""),
        "Actions/Conditions must be prefaced by a vendor");
  }

  @Test
  public void refusesResourcesThatAreNotArns() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"bucket/*\""),
        "Resource bucket/* must be in ARN format or \"*\".");
  }

  @Test
  public void refusesNonAlphanumericOrRepeatedSids() {
    assertMalformed(statement("\"Sid\":\"read-all\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\""),
        "Statement IDs (SID) must be alpha-numeric.");
    assertMalformed("{\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
        + "{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
        "Statement IDs (SID) in a single policy must be unique.");
  }

  @Test
  public void refusesPolicyVariablesRatherThanMatchingThemLiterally() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}/*\""),
        "local-aws does not substitute policy variables");
  }

  @Test
  public void refusesNullAndBoolValuesOtherThanTrueOrFalse() {
    assertMalformed(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
        + "\"Condition\":{\"Null\":{\"s3:prefix\":\"yes\"}}"), "Invalid Condition value for Null: yes.");
  }

  // ---- Action and Resource matching -------------------------------------------------------------

  @Test
  public void matchesActionsWithWildcardsIgnoringCase() throws Exception {
    PolicyDocument policy = allow("[\"s3:get*\", \"S3:List?ucket\"]", "\"*\"");
    assertEquals(ALLOW, policy.evaluate("s3:GetObject", "arn:aws:s3:::b/k", Map.of()));
    assertEquals(ALLOW, policy.evaluate("s3:GetBucketLocation", "arn:aws:s3:::b", Map.of()));
    assertEquals(ALLOW, policy.evaluate("s3:ListBucket", "arn:aws:s3:::b", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:ListBuckets", "arn:aws:s3:::b", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:PutObject", "arn:aws:s3:::b/k", Map.of()));
  }

  @Test
  public void matchesResourcesWithWildcardsCaseSensitively() throws Exception {
    PolicyDocument policy = allow("\"s3:GetObject\"", "\"arn:aws:s3:::bucket/data/??/*\"");
    assertEquals(ALLOW, policy.evaluate("s3:GetObject", "arn:aws:s3:::bucket/data/01/part-0.parquet", Map.of()));
    assertEquals(ALLOW, policy.evaluate("s3:GetObject", "arn:aws:s3:::bucket/data/01/", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::bucket/data/001/x", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::bucket/Data/01/x", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::Bucket/data/01/x", Map.of()));
  }

  @Test
  public void questionMarkMatchesOneCharacterEvenOutsideTheBasicPlane() throws Exception {
    PolicyDocument policy = allow("\"s3:GetObject\"", "\"arn:aws:s3:::b/?.txt\"");
    assertEquals(ALLOW, policy.evaluate("s3:GetObject", "arn:aws:s3:::b/\uD83D\uDE00.txt", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::b/ab.txt", Map.of()));
  }

  @Test
  public void treatsWildcardCharactersInTheRequestLiterally() throws Exception {
    PolicyDocument policy = allow("\"s3:GetObject\"", "\"arn:aws:s3:::b/repo1/*\"");
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::b/*", Map.of()));
  }

  @Test
  public void notActionAndNotResourceApplyToEverythingElse() throws Exception {
    PolicyDocument policy = PolicyDocument.parse(statement(
        "\"Effect\":\"Allow\",\"NotAction\":\"s3:Delete*\",\"NotResource\":\"arn:aws:s3:::b/secret/*\""));
    assertEquals(ALLOW, policy.evaluate("s3:GetObject", "arn:aws:s3:::b/public/x", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:DeleteObject", "arn:aws:s3:::b/public/x", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::b/secret/x", Map.of()));
  }

  @Test
  public void explicitDenyOverridesAnyAllow() throws Exception {
    PolicyDocument policy = PolicyDocument.parse("""
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":"s3:*","Resource":"*"},
         {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/keep/*"}]}""");
    assertEquals(EXPLICIT_DENY, policy.evaluate("s3:DeleteObject", "arn:aws:s3:::b/keep/x", Map.of()));
    assertEquals(ALLOW, policy.evaluate("s3:DeleteObject", "arn:aws:s3:::b/tmp/x", Map.of()));
  }

  // ---- conditions -------------------------------------------------------------------------------

  @Test
  public void stringEqualsIsCaseSensitiveAndOrsItsValues() throws Exception {
    PolicyDocument policy = withCondition("{\"StringEquals\":{\"s3:prefix\":[\"a/\",\"b/\"]}}");
    assertEquals(ALLOW, decide(policy, Map.of("s3:prefix", "a/")));
    assertEquals(ALLOW, decide(policy, Map.of("s3:prefix", "b/")));
    assertEquals(NOT_ALLOWED, decide(policy, Map.of("s3:prefix", "A/")));
  }

  @Test
  public void stringNotEqualsHoldsOnlyWhenNoValueMatches() throws Exception {
    PolicyDocument policy = withCondition("{\"StringNotEquals\":{\"s3:prefix\":[\"a/\",\"b/\"]}}");
    assertEquals(ALLOW, decide(policy, Map.of("s3:prefix", "c/")));
    assertEquals(NOT_ALLOWED, decide(policy, Map.of("s3:prefix", "b/")));
  }

  @Test
  public void ignoreCaseOperatorsCompareWithoutCase() throws Exception {
    PolicyDocument equal = withCondition("{\"StringEqualsIgnoreCase\":{\"s3:prefix\":\"Data/\"}}");
    assertEquals(ALLOW, decide(equal, Map.of("s3:prefix", "dATA/")));
    PolicyDocument notEqual = withCondition("{\"StringNotEqualsIgnoreCase\":{\"s3:prefix\":\"Data/\"}}");
    assertEquals(NOT_ALLOWED, decide(notEqual, Map.of("s3:prefix", "dATA/")));
    assertEquals(ALLOW, decide(notEqual, Map.of("s3:prefix", "other/")));
  }

  @Test
  public void stringLikeAndNotLikeUseWildcards() throws Exception {
    PolicyDocument like = withCondition("{\"StringLike\":{\"s3:prefix\":\"repo?/*\"}}");
    assertEquals(ALLOW, decide(like, Map.of("s3:prefix", "repo1/x/")));
    assertEquals(NOT_ALLOWED, decide(like, Map.of("s3:prefix", "repo12/x/")));
    PolicyDocument notLike = withCondition("{\"StringNotLike\":{\"s3:prefix\":\"private/*\"}}");
    assertEquals(ALLOW, decide(notLike, Map.of("s3:prefix", "public/")));
    assertEquals(NOT_ALLOWED, decide(notLike, Map.of("s3:prefix", "private/x")));
  }

  @Test
  public void conditionKeysMatchWithoutRegardToCase() throws Exception {
    PolicyDocument policy = withCondition("{\"StringEquals\":{\"S3:Prefix\":\"a/\"}}");
    assertEquals(ALLOW, decide(policy, Map.of("s3:prefix", "a/")));
    assertEquals(ALLOW, decide(policy, Map.of("S3:PREFIX", "a/")));
  }

  @Test
  public void anAbsentKeyFailsPositiveOperatorsAndSatisfiesNegatedOnes() throws Exception {
    assertEquals(NOT_ALLOWED, decide(withCondition("{\"StringEquals\":{\"s3:prefix\":\"a/\"}}"), Map.of()));
    assertEquals(NOT_ALLOWED, decide(withCondition("{\"StringLike\":{\"s3:prefix\":\"*\"}}"), Map.of()));
    assertEquals(NOT_ALLOWED, decide(withCondition("{\"Bool\":{\"aws:SecureTransport\":true}}"), Map.of()));
    assertEquals(ALLOW, decide(withCondition("{\"StringNotEquals\":{\"s3:prefix\":\"a/\"}}"), Map.of()));
    assertEquals(ALLOW, decide(withCondition("{\"StringNotLike\":{\"s3:prefix\":\"*\"}}"), Map.of()));
  }

  @Test
  public void ifExistsHoldsWhenTheKeyIsAbsentAndChecksItWhenPresent() throws Exception {
    PolicyDocument policy = withCondition("{\"StringLikeIfExists\":{\"s3:prefix\":\"a/*\"}}");
    assertEquals(ALLOW, decide(policy, Map.of()));
    assertEquals(ALLOW, decide(policy, Map.of("s3:prefix", "a/b")));
    assertEquals(NOT_ALLOWED, decide(policy, Map.of("s3:prefix", "b/")));
    PolicyDocument negated = withCondition("{\"StringNotEqualsIfExists\":{\"s3:prefix\":\"a/\"}}");
    assertEquals(ALLOW, decide(negated, Map.of()));
    assertEquals(NOT_ALLOWED, decide(negated, Map.of("s3:prefix", "a/")));
  }

  @Test
  public void nullTestsWhetherTheKeyIsPresent() throws Exception {
    PolicyDocument absent = withCondition("{\"Null\":{\"s3:delimiter\":\"true\"}}");
    assertEquals(ALLOW, decide(absent, Map.of()));
    assertEquals(NOT_ALLOWED, decide(absent, Map.of("s3:delimiter", "/")));
    PolicyDocument present = withCondition("{\"Null\":{\"s3:delimiter\":false}}");
    assertEquals(ALLOW, decide(present, Map.of("s3:delimiter", "/")));
    assertEquals(NOT_ALLOWED, decide(present, Map.of()));
  }

  @Test
  public void boolComparesTrueAndFalse() throws Exception {
    PolicyDocument policy = withCondition("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}");
    assertEquals(ALLOW, decide(policy, Map.of("aws:SecureTransport", "TRUE")));
    assertEquals(NOT_ALLOWED, decide(policy, Map.of("aws:SecureTransport", "false")));
  }

  @Test
  public void allOperatorsAndKeysMustHold() throws Exception {
    PolicyDocument policy = withCondition("{\"StringLike\":{\"s3:prefix\":\"a/*\"},"
        + "\"StringEquals\":{\"s3:delimiter\":\"/\",\"s3:max-keys\":\"10\"}}");
    assertEquals(ALLOW, decide(policy, Map.of("s3:prefix", "a/", "s3:delimiter", "/", "s3:max-keys", "10")));
    assertEquals(NOT_ALLOWED, decide(policy, Map.of("s3:prefix", "a/", "s3:delimiter", "/", "s3:max-keys", "11")));
    assertEquals(NOT_ALLOWED, decide(policy, Map.of("s3:prefix", "a/", "s3:delimiter", "/")));
    assertEquals(NOT_ALLOWED, decide(policy, Map.of("s3:prefix", "b/", "s3:delimiter", "/", "s3:max-keys", "10")));
  }

  @Test
  public void aConditionOnADenyOnlyDeniesWhenItHolds() throws Exception {
    PolicyDocument policy = PolicyDocument.parse("""
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},
         {"Effect":"Deny","Action":"s3:ListBucket","Resource":"*",
          "Condition":{"StringLike":{"s3:prefix":"secret*"}}}]}""");
    assertEquals(EXPLICIT_DENY, decide(policy, Map.of("s3:prefix", "secret/")));
    assertEquals(ALLOW, decide(policy, Map.of("s3:prefix", "public/")));
    assertEquals(ALLOW, decide(policy, Map.of()));
  }

  // ---- the session policy our credentials service issues ----------------------------------------

  @Test
  public void repositorySessionPolicyAllowsObjectAccessInsideItsPrefixOnly() throws Exception {
    PolicyDocument policy = PolicyDocument.parse(REPO1_SESSION_POLICY);
    for (String action : new String[] {"s3:GetObject", "s3:PutObject", "s3:DeleteObject",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"}) {
      assertEquals(action, ALLOW, policy.evaluate(action, "arn:aws:s3:::bucket/repo1/data/x.parquet", Map.of()));
      assertEquals(action, NOT_ALLOWED, policy.evaluate(action, "arn:aws:s3:::bucket/repo2/data/x", Map.of()));
    }
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::bucket/repo10/x", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::bucket/repo1", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:GetObject", "arn:aws:s3:::other/repo1/x", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:PutObjectAcl", "arn:aws:s3:::bucket/repo1/x", Map.of()));
  }

  @Test
  public void repositorySessionPolicyListsOnlyItsPrefix() throws Exception {
    PolicyDocument policy = PolicyDocument.parse(REPO1_SESSION_POLICY);
    assertEquals(ALLOW, list(policy, "repo1/"));
    assertEquals(ALLOW, list(policy, "repo1/data/"));
    assertEquals(ALLOW, list(policy, "repo1"));
    assertEquals(NOT_ALLOWED, list(policy, "repo2/"));
    assertEquals(NOT_ALLOWED, list(policy, "repo10/"));
    assertEquals(NOT_ALLOWED, list(policy, ""));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:ListBucket", "arn:aws:s3:::bucket", Map.of()));
    assertEquals(ALLOW, policy.evaluate("s3:GetBucketLocation", "arn:aws:s3:::bucket", Map.of()));
    assertEquals(NOT_ALLOWED, policy.evaluate("s3:ListAllMyBuckets", "arn:aws:s3:::*", Map.of()));
  }

  // ---- role permission policy AND session policy ------------------------------------------------

  @Test
  public void withoutASessionPolicyTheRolePolicyDecides() throws Exception {
    PolicyDocument role = PolicyDocument.parse(ADMIN);
    assertTrue(PolicyDocument.isAllowed(role, Optional.empty(), "s3:GetObject", "arn:aws:s3:::bucket/repo2/x",
        Map.of()));
    PolicyDocument readOnly = allow("\"s3:GetObject\"", "\"*\"");
    assertFalse(PolicyDocument.isAllowed(readOnly, Optional.empty(), "s3:PutObject", "arn:aws:s3:::b/x", Map.of()));
  }

  @Test
  public void aSessionPolicyNarrowsButNeverWidensTheRolePolicy() throws Exception {
    Optional<PolicyDocument> session = Optional.of(PolicyDocument.parse(REPO1_SESSION_POLICY));
    PolicyDocument admin = PolicyDocument.parse(ADMIN);
    assertTrue(PolicyDocument.isAllowed(admin, session, "s3:PutObject", "arn:aws:s3:::bucket/repo1/x", Map.of()));
    assertFalse(PolicyDocument.isAllowed(admin, session, "s3:PutObject", "arn:aws:s3:::bucket/repo2/x", Map.of()));
    assertTrue(PolicyDocument.isAllowed(admin, session, "s3:ListBucket", "arn:aws:s3:::bucket",
        Map.of("s3:prefix", "repo1/")));
    assertFalse(PolicyDocument.isAllowed(admin, session, "s3:ListBucket", "arn:aws:s3:::bucket",
        Map.of("s3:prefix", "")));

    PolicyDocument readOnlyRole = allow("\"s3:GetObject\"", "\"*\"");
    assertFalse(PolicyDocument.isAllowed(readOnlyRole, session, "s3:PutObject", "arn:aws:s3:::bucket/repo1/x",
        Map.of()));
  }

  @Test
  public void anExplicitDenyInEitherPolicyRefuses() throws Exception {
    PolicyDocument admin = PolicyDocument.parse(ADMIN);
    PolicyDocument denyDelete = PolicyDocument.parse("""
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":"s3:*","Resource":"*"},
         {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}""");
    assertFalse(PolicyDocument.isAllowed(denyDelete, Optional.of(admin), "s3:DeleteObject", "arn:aws:s3:::b/x",
        Map.of()));
    assertFalse(PolicyDocument.isAllowed(admin, Optional.of(denyDelete), "s3:DeleteObject", "arn:aws:s3:::b/x",
        Map.of()));
    assertTrue(PolicyDocument.isAllowed(admin, Optional.of(denyDelete), "s3:GetObject", "arn:aws:s3:::b/x",
        Map.of()));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static String statement(String body) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + body + "}]}";
  }

  private static PolicyDocument allow(String actions, String resources) throws MalformedPolicyException {
    return PolicyDocument.parse(statement("\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":" + resources));
  }

  private static PolicyDocument withCondition(String condition) throws MalformedPolicyException {
    return PolicyDocument.parse(statement(
        "\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":" + condition));
  }

  private static PolicyDocument.Decision decide(PolicyDocument policy, Map<String, String> context) {
    return policy.evaluate("s3:ListBucket", "arn:aws:s3:::bucket", context);
  }

  private static PolicyDocument.Decision list(PolicyDocument policy, String prefix) {
    return policy.evaluate("s3:ListBucket", "arn:aws:s3:::bucket", Map.of("s3:prefix", prefix));
  }

  private static void assertMalformed(String json, String expectedMessagePart) {
    MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse(json));
    assertTrue("message was: " + e.getMessage(), e.getMessage().contains(expectedMessagePart));
  }
}
