package io.lakefs.sts.localaws.s3;

import static io.lakefs.sts.localaws.ExamplePolicies.REPO1_SESSION_POLICY;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;


import io.lakefs.sts.localaws.iam.PolicyDocument;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Test;

public class S3RequestClassifierTest {
  private static final Supplier<byte[]> NO_BODY_READ = () -> {
    throw new AssertionError("the body must only be read for operations whose permissions depend on it");
  };

  private final S3RequestClassifier classifier = new S3RequestClassifier();

  // ---- service and bucket operations ------------------------------------------------------------

  @Test
  public void listBucketsNeedsListAllMyBucketsOnAllBuckets() throws Exception {
    S3Operation op = classify("GET", "/", "");
    assertOperation(op, "REST.GET.SERVICE", null, null);
    assertEquals(List.of(perm("s3:ListAllMyBuckets", "arn:aws:s3:::*")), op.permissions());
  }

  @Test
  public void listObjectsNeedsListBucketWithPrefixDelimiterAndMaxKeysAsConditionKeys() throws Exception {
    S3Operation v2 = classify("GET", "/bucket", "list-type=2&prefix=repo1/&delimiter=/&max-keys=100");
    assertOperation(v2, "REST.GET.BUCKET", "bucket", null);
    assertEquals(List.of(new S3Permission("s3:ListBucket", "arn:aws:s3:::bucket",
        Map.of("s3:prefix", "repo1/", "s3:delimiter", "/", "s3:max-keys", "100"))), v2.permissions());

    S3Operation v1 = classify("GET", "/bucket/", "prefix=repo1/data/&marker=repo1/data/a");
    assertEquals(List.of(new S3Permission("s3:ListBucket", "arn:aws:s3:::bucket", Map.of("s3:prefix",
        "repo1/data/"))), v1.permissions());
  }

  @Test
  public void listingWithoutAPrefixHasTheEmptyPrefix() throws Exception {
    assertEquals(Map.of("s3:prefix", ""), classify("GET", "/bucket", "list-type=2").permissions().get(0).context());
  }

  @Test
  public void headBucketNeedsListBucket() throws Exception {
    S3Operation op = classify("HEAD", "/bucket", "");
    assertOperation(op, "REST.HEAD.BUCKET", "bucket", null);
    assertEquals(List.of(new S3Permission("s3:ListBucket", "arn:aws:s3:::bucket", Map.of("s3:prefix", ""))),
        op.permissions());
  }

  @Test
  public void refusesAListTypeOtherThanTwo() {
    assertRefused("InvalidArgument", "list-type must be 2", () -> classify("GET", "/bucket", "list-type=3"));
  }

  @Test
  public void bucketSubResourcesNeedTheirOwnActions() throws Exception {
    assertSingle(classify("GET", "/bucket", "location"), "REST.GET.LOCATION", "s3:GetBucketLocation",
        "arn:aws:s3:::bucket");
    assertSingle(classify("GET", "/bucket", "uploads&prefix=repo1/"), "REST.GET.UPLOADS",
        "s3:ListBucketMultipartUploads", "arn:aws:s3:::bucket");
    assertSingle(classify("GET", "/bucket", "versioning"), "REST.GET.VERSIONING", "s3:GetBucketVersioning",
        "arn:aws:s3:::bucket");
    assertSingle(classify("PUT", "/bucket", "versioning"), "REST.PUT.VERSIONING", "s3:PutBucketVersioning",
        "arn:aws:s3:::bucket");
    assertSingle(classify("GET", "/bucket", "acl"), "REST.GET.ACL", "s3:GetBucketAcl", "arn:aws:s3:::bucket");
    assertSingle(classify("DELETE", "/bucket", "tagging"), "REST.DELETE.TAGGING", "s3:PutBucketTagging",
        "arn:aws:s3:::bucket");
    assertSingle(classify("GET", "/bucket", "policy"), "REST.GET.BUCKETPOLICY", "s3:GetBucketPolicy",
        "arn:aws:s3:::bucket");
  }

  @Test
  public void listObjectVersionsNeedsListBucketVersionsWithListConditionKeys() throws Exception {
    S3Operation op = classify("GET", "/bucket", "versions&prefix=repo1/");
    assertOperation(op, "REST.GET.BUCKETVERSIONS", "bucket", null);
    assertEquals(List.of(new S3Permission("s3:ListBucketVersions", "arn:aws:s3:::bucket",
        Map.of("s3:prefix", "repo1/"))), op.permissions());
  }

  @Test
  public void createAndDeleteBucketNeedTheirActions() throws Exception {
    assertSingle(classify("PUT", "/new-bucket", ""), "REST.PUT.BUCKET", "s3:CreateBucket",
        "arn:aws:s3:::new-bucket");
    assertSingle(classify("DELETE", "/bucket", ""), "REST.DELETE.BUCKET", "s3:DeleteBucket", "arn:aws:s3:::bucket");
  }

  @Test
  public void createBucketWithAnAclAlsoNeedsPutBucketAcl() throws Exception {
    S3Operation op = classifier.classify("PUT", "/new-bucket", Map.of(), Map.of("X-Amz-Acl", List.of("private")),
        NO_BODY_READ);
    assertEquals(List.of(perm("s3:CreateBucket", "arn:aws:s3:::new-bucket"),
        perm("s3:PutBucketAcl", "arn:aws:s3:::new-bucket")), op.permissions());
  }

  // ---- object operations ------------------------------------------------------------------------

  @Test
  public void getAndHeadObjectNeedGetObjectOnTheKey() throws Exception {
    S3Operation get = classify("GET", "/bucket/repo1/data/part-0.parquet", "");
    assertOperation(get, "REST.GET.OBJECT", "bucket", "repo1/data/part-0.parquet");
    assertEquals(List.of(perm("s3:GetObject", "arn:aws:s3:::bucket/repo1/data/part-0.parquet")), get.permissions());
    assertSingle(classify("HEAD", "/bucket/repo1/x", ""), "REST.HEAD.OBJECT", "s3:GetObject",
        "arn:aws:s3:::bucket/repo1/x");
    assertSingle(classify("GET", "/bucket/repo1/x", "partNumber=2&response-content-type=text/plain"),
        "REST.GET.OBJECT", "s3:GetObject", "arn:aws:s3:::bucket/repo1/x");
  }

  @Test
  public void readingASpecificVersionNeedsGetObjectVersion() throws Exception {
    assertSingle(classify("GET", "/bucket/repo1/x", "versionId=v1"), "REST.GET.OBJECT", "s3:GetObjectVersion",
        "arn:aws:s3:::bucket/repo1/x");
    assertSingle(classify("HEAD", "/bucket/repo1/x", "versionId=v1"), "REST.HEAD.OBJECT", "s3:GetObjectVersion",
        "arn:aws:s3:::bucket/repo1/x");
  }

  @Test
  public void putObjectNeedsPutObject() throws Exception {
    S3Operation op = classify("PUT", "/bucket/repo1/x", "x-id=PutObject");
    assertOperation(op, "REST.PUT.OBJECT", "bucket", "repo1/x");
    assertEquals(List.of(perm("s3:PutObject", "arn:aws:s3:::bucket/repo1/x")), op.permissions());
  }

  @Test
  public void putObjectWithTagsOrAnAclAlsoNeedsTheirPermissions() throws Exception {
    S3Operation op = classifier.classify("PUT", "/bucket/repo1/x", Map.of(),
        Map.of("x-amz-tagging", List.of("a=b"), "x-amz-grant-read", List.of("id=1")), NO_BODY_READ);
    assertEquals(List.of(perm("s3:PutObject", "arn:aws:s3:::bucket/repo1/x"),
        perm("s3:PutObjectTagging", "arn:aws:s3:::bucket/repo1/x"),
        perm("s3:PutObjectAcl", "arn:aws:s3:::bucket/repo1/x")), op.permissions());
  }

  @Test
  public void multipartUploadStepsNeedPutObjectAbortAndListParts() throws Exception {
    assertSingle(classify("POST", "/bucket/repo1/big", "uploads"), "REST.POST.UPLOADS", "s3:PutObject",
        "arn:aws:s3:::bucket/repo1/big");
    assertSingle(classify("PUT", "/bucket/repo1/big", "partNumber=3&uploadId=u1"), "REST.PUT.PART",
        "s3:PutObject", "arn:aws:s3:::bucket/repo1/big");
    assertSingle(classify("POST", "/bucket/repo1/big", "uploadId=u1"), "REST.POST.UPLOAD", "s3:PutObject",
        "arn:aws:s3:::bucket/repo1/big");
    assertSingle(classify("DELETE", "/bucket/repo1/big", "uploadId=u1"), "REST.DELETE.UPLOAD",
        "s3:AbortMultipartUpload", "arn:aws:s3:::bucket/repo1/big");
    assertSingle(classify("GET", "/bucket/repo1/big", "uploadId=u1&max-parts=100"), "REST.GET.UPLOAD",
        "s3:ListMultipartUploadParts", "arn:aws:s3:::bucket/repo1/big");
  }

  @Test
  public void refusesAnUploadPartWithoutBothPartNumberAndUploadId() {
    assertRefused("InvalidRequest", "needs both partNumber", () -> classify("PUT", "/bucket/k", "uploadId=u1"));
    assertRefused("InvalidRequest", "needs both partNumber", () -> classify("PUT", "/bucket/k", "partNumber=1"));
  }

  @Test
  public void deleteObjectNeedsDeleteObjectOrDeleteObjectVersion() throws Exception {
    assertSingle(classify("DELETE", "/bucket/repo1/x", ""), "REST.DELETE.OBJECT", "s3:DeleteObject",
        "arn:aws:s3:::bucket/repo1/x");
    assertSingle(classify("DELETE", "/bucket/repo1/x", "versionId=v1"), "REST.DELETE.OBJECT",
        "s3:DeleteObjectVersion", "arn:aws:s3:::bucket/repo1/x");
  }

  @Test
  public void objectSubResourcesNeedTheirOwnActions() throws Exception {
    assertSingle(classify("GET", "/bucket/k", "tagging"), "REST.GET.OBJECT_TAGGING", "s3:GetObjectTagging",
        "arn:aws:s3:::bucket/k");
    assertSingle(classify("PUT", "/bucket/k", "tagging"), "REST.PUT.OBJECT_TAGGING", "s3:PutObjectTagging",
        "arn:aws:s3:::bucket/k");
    assertSingle(classify("DELETE", "/bucket/k", "tagging"), "REST.DELETE.OBJECT_TAGGING", "s3:DeleteObjectTagging",
        "arn:aws:s3:::bucket/k");
    assertSingle(classify("GET", "/bucket/k", "acl"), "REST.GET.ACL", "s3:GetObjectAcl", "arn:aws:s3:::bucket/k");
    assertSingle(classify("GET", "/bucket/k", "acl&versionId=v1"), "REST.GET.ACL", "s3:GetObjectVersionAcl",
        "arn:aws:s3:::bucket/k");
    assertSingle(classify("PUT", "/bucket/k", "acl"), "REST.PUT.ACL", "s3:PutObjectAcl", "arn:aws:s3:::bucket/k");
  }

  // ---- copies -----------------------------------------------------------------------------------

  @Test
  public void copyObjectNeedsPutObjectOnTheTargetAndGetObjectOnTheSource() throws Exception {
    for (String source : List.of("/bucket/repo1/src", "bucket/repo1/src", "bucket%2Frepo1%2Fsrc")) {
      S3Operation op = copy("PUT", "/bucket/repo1/dst", "", source);
      assertOperation(op, "REST.COPY.OBJECT", "bucket", "repo1/dst");
      assertEquals(source, List.of(perm("s3:PutObject", "arn:aws:s3:::bucket/repo1/dst"),
          perm("s3:GetObject", "arn:aws:s3:::bucket/repo1/src")), op.permissions());
    }
  }

  @Test
  public void copySourceIsUrlDecodedAndMayNameAVersion() throws Exception {
    S3Operation op = copy("PUT", "/bucket/repo1/dst", "", "/other/dir%20a/caf%C3%A9%2B1%3F.txt?versionId=v%2F1");
    assertEquals(perm("s3:GetObjectVersion", "arn:aws:s3:::other/dir a/café+1?.txt"), op.permissions().get(1));
  }

  @Test
  public void uploadPartCopyNeedsPutObjectOnTheTargetAndGetObjectOnTheSource() throws Exception {
    S3Operation op = copy("PUT", "/bucket/repo1/dst", "partNumber=1&uploadId=u1", "bucket/repo2/src");
    assertOperation(op, "REST.COPY.PART", "bucket", "repo1/dst");
    assertEquals(List.of(perm("s3:PutObject", "arn:aws:s3:::bucket/repo1/dst"),
        perm("s3:GetObject", "arn:aws:s3:::bucket/repo2/src")), op.permissions());
  }

  @Test
  public void refusesMalformedCopySources() {
    assertRefused("InvalidArgument", "Copy Source must mention the source bucket and key",
        () -> copy("PUT", "/bucket/dst", "", "/bucket"));
    assertRefused("InvalidArgument", "Copy Source must mention the source bucket and key",
        () -> copy("PUT", "/bucket/dst", "", "/bucket/"));
    assertRefused("InvalidArgument", "may only be followed by ?versionId=",
        () -> copy("PUT", "/bucket/dst", "", "/bucket/src?partNumber=1"));
    assertRefused("InvalidArgument", "names an access point",
        () -> copy("PUT", "/bucket/dst", "", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k"));
    assertRefused("InvalidArgument", "\"..\" path segment", () -> copy("PUT", "/bucket/dst", "", "/bucket/a/../b"));
  }

  // ---- DeleteObjects ----------------------------------------------------------------------------

  @Test
  public void deleteObjectsNeedsDeleteObjectOnEachKeyInTheBody() throws Exception {
    S3Operation op = deleteObjects("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Quiet>true</Quiet>
          <Object><Key>repo1/a</Key></Object>
          <Object><Key>repo1/b &amp; c</Key><VersionId>v9</VersionId></Object>
          <Object><Key><![CDATA[repo1/<d>]]></Key><ETag>"abc"</ETag></Object>
        </Delete>""");
    assertOperation(op, "BATCH.DELETE.OBJECT", "bucket", null);
    assertEquals(List.of(perm("s3:DeleteObject", "arn:aws:s3:::bucket/repo1/a"),
        perm("s3:DeleteObjectVersion", "arn:aws:s3:::bucket/repo1/b & c"),
        perm("s3:DeleteObject", "arn:aws:s3:::bucket/repo1/<d>")), op.permissions());
  }

  @Test
  public void deleteObjectsAcceptsUpToAThousandKeysAndRefusesMore() throws Exception {
    assertEquals(1000, deleteObjects(deleteBody(1000)).permissions().size());
    assertRefused("MalformedXML", "at most 1000 objects", () -> deleteObjects(deleteBody(1001)));
  }

  @Test
  public void deleteObjectsRefusesMalformedBodies() {
    assertRefused("MalformedXML", "not well-formed", () -> deleteObjects("<Delete><Object><Key>a</Key>"));
    assertRefused("MalformedXML", "root element must be <Delete>", () -> deleteObjects("<Remove/>"));
    assertRefused("MalformedXML", "names no <Object>", () -> deleteObjects("<Delete><Quiet>true</Quiet></Delete>"));
    assertRefused("MalformedXML", "non-empty <Key>",
        () -> deleteObjects("<Delete><Object><VersionId>v</VersionId></Object></Delete>"));
    assertRefused("MalformedXML", "unexpected element <Bucket>",
        () -> deleteObjects("<Delete><Object><Key>a</Key><Bucket>b</Bucket></Object></Delete>"));
    assertRefused("MalformedXML", "request body is empty", () -> deleteObjects(""));
    assertRefused("MalformedXML", "not well-formed XML",
        () -> deleteObjects("<Delete><Object><Key>a</Key></Object></Delete><Delete/>"));
    assertRefused("MalformedXML", "not well-formed XML",
        () -> deleteObjects("<Delete><Object><Key>&undeclared;</Key></Object></Delete>"));
  }

  @Test
  public void deleteObjectsRefusesExternalEntitiesWithoutResolvingThem() throws Exception {
    Path secret = Files.createTempFile("local-aws-xxe", ".txt");
    try {
      Files.writeString(secret, "SECRET-MARKER");
      S3ClassificationException e = assertRefused("MalformedXML", "DOCTYPE declarations are not allowed",
          () -> deleteObjects("<?xml version=\"1.0\"?>\n<!DOCTYPE Delete [<!ENTITY xxe SYSTEM \""
              + secret.toUri() + "\">]>\n<Delete><Object><Key>&xxe;</Key></Object></Delete>"));
      assertFalse(e.getMessage(), e.getMessage().contains("SECRET-MARKER"));
    } finally {
      Files.delete(secret);
    }
  }

  @Test
  public void deleteObjectsRefusesEntityExpansion() {
    assertRefused("MalformedXML", "DOCTYPE declarations are not allowed", () -> deleteObjects("""
        <?xml version="1.0"?>
        <!DOCTYPE Delete [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <Delete><Object><Key>&b;</Key></Object></Delete>"""));
  }

  // ---- key encoding -----------------------------------------------------------------------------

  @Test
  public void keysArePercentDecodedAndPlusStaysPlus() throws Exception {
    assertEquals("repo1/my file+v2.txt", classify("GET", "/bucket/repo1/my%20file+v2.txt", "").key());
    assertEquals("repo1/café/日本.txt", classify("GET", "/bucket/repo1/caf%C3%A9/%E6%97%A5%E6%9C%AC.txt", "").key());
    assertEquals("repo1/café", classify("GET", "/bucket/repo1/café", "").key());
    assertEquals("repo1/a/b", classify("GET", "/bucket/repo1%2Fa/b", "").key());
    assertEquals("repo1/what?#%", classify("GET", "/bucket/repo1/what%3F%23%25", "").key());
    assertEquals("repo1/dir/", classify("PUT", "/bucket/repo1/dir/", "").key());
    assertEquals("arn:aws:s3:::bucket/repo1/my file+v2.txt",
        classify("GET", "/bucket/repo1/my%20file+v2.txt", "").permissions().get(0).resourceArn());
  }

  @Test
  public void refusesMalformedPaths() {
    assertRefused("InvalidURI", "'%' not followed by two hex digits", () -> classify("GET", "/bucket/a%2", ""));
    assertRefused("InvalidURI", "'%' not followed by two hex digits", () -> classify("GET", "/bucket/a%zz", ""));
    assertRefused("InvalidURI", "does not decode to UTF-8", () -> classify("GET", "/bucket/a%C3%28", ""));
    assertRefused("InvalidURI", "must start with /", () -> classify("GET", "bucket/key", ""));
    assertRefused("InvalidBucketName", "bucket is not valid", () -> classify("GET", "/b*/key", ""));
    assertRefused("InvalidBucketName", "bucket is not valid", () -> classify("GET", "/a%2Fb/key", ""));
    assertRefused("KeyTooLongError", "at most 1024 bytes", () -> classify("PUT", "/bucket/" + "k".repeat(1025), ""));
  }

  @Test
  public void refusesDotSegmentsThatCouldEscapeAPrefix() {
    assertRefused("InvalidRequest", "\"..\" path segment", () -> classify("GET", "/bucket/repo1/../repo2/x", ""));
    assertRefused("InvalidRequest", "\"..\" path segment", () -> classify("GET", "/bucket/repo1/%2E%2E/repo2/x", ""));
    assertRefused("InvalidRequest", "\"..\" path segment", () -> classify("GET", "/bucket/./x", ""));
  }

  @Test
  public void refusesARepeatedParameter() {
    assertRefused("InvalidArgument", "prefix was given 2 times", () -> classifier.classify("GET", "/bucket",
        Map.of("prefix", List.of("repo1/", "repo2/")), Map.of(), NO_BODY_READ));
  }

  // ---- anything else ----------------------------------------------------------------------------

  @Test
  public void unknownSubResourcesNeedANamedUnsupportedPermission() throws Exception {
    assertSingle(classify("GET", "/bucket/repo1/x", "torrent"), "REST.GET.TORRENT", "s3:Unsupported:torrent",
        "arn:aws:s3:::bucket/repo1/x");
    assertSingle(classify("PUT", "/bucket", "intelligent-tiering&id=1"), "REST.PUT.ID_INTELLIGENT_TIERING",
        "s3:Unsupported:id&intelligent-tiering", "arn:aws:s3:::bucket");
    assertSingle(classify("POST", "/bucket/repo1/x", "select&select-type=2"), "REST.POST.SELECT_SELECT_TYPE",
        "s3:Unsupported:select&select-type", "arn:aws:s3:::bucket/repo1/x");
  }

  @Test
  public void headersHoistedIntoThePresignedQueryAreNotIgnored() throws Exception {
    assertSingle(classify("PUT", "/bucket/repo1/x", "X-Amz-Algorithm=AWS4-HMAC-SHA256&x-amz-acl=public-read"),
        "REST.PUT.X_AMZ_ACL", "s3:Unsupported:x-amz-acl", "arn:aws:s3:::bucket/repo1/x");
    assertSingle(classify("GET", "/bucket/repo1/x", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=c"
        + "&X-Amz-Date=d&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=s&X-Amz-Security-Token=t"),
        "REST.GET.OBJECT", "s3:GetObject", "arn:aws:s3:::bucket/repo1/x");
  }

  @Test
  public void unknownMethodsNeedANamedUnsupportedPermission() throws Exception {
    assertSingle(classify("PATCH", "/bucket/repo1/x", ""), "REST.PATCH.OBJECT", "s3:Unsupported:PATCH",
        "arn:aws:s3:::bucket/repo1/x");
    assertSingle(classify("POST", "/bucket/repo1/x", ""), "REST.POST.OBJECT", "s3:Unsupported:POST",
        "arn:aws:s3:::bucket/repo1/x");
    assertSingle(classify("DELETE", "/", ""), "REST.DELETE.SERVICE", "s3:Unsupported:DELETE", "arn:aws:s3:::*");
  }

  // ---- with the session policy our credentials service issues -----------------------------------

  @Test
  public void aRepositoryScopedSessionCanWorkInsideItsPrefixOnly() throws Exception {
    PolicyDocument admin = PolicyDocument.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    Optional<PolicyDocument> session = Optional.of(PolicyDocument.parse(REPO1_SESSION_POLICY));

    assertTrue(allowed(admin, session, classify("GET", "/bucket", "list-type=2&prefix=repo1/&delimiter=/")));
    assertTrue(allowed(admin, session, classify("PUT", "/bucket/repo1/x", "partNumber=1&uploadId=u")));
    assertTrue(allowed(admin, session, copy("PUT", "/bucket/repo1/dst", "", "bucket/repo1/src")));
    assertTrue(allowed(admin, session, deleteObjects(
        "<Delete><Object><Key>repo1/a</Key></Object><Object><Key>repo1/b</Key></Object></Delete>")));

    assertFalse(allowed(admin, session, classify("GET", "/bucket", "list-type=2")));
    assertFalse(allowed(admin, session, classify("GET", "/bucket", "list-type=2&prefix=repo2/")));
    assertFalse(allowed(admin, session, classify("GET", "/bucket/repo2/x", "")));
    assertFalse(allowed(admin, session, copy("PUT", "/bucket/repo1/dst", "", "bucket/repo2/secret")));
    assertFalse(allowed(admin, session, deleteObjects(
        "<Delete><Object><Key>repo1/a</Key></Object><Object><Key>repo2/b</Key></Object></Delete>")));
    assertFalse(allowed(admin, session, classify("PUT", "/bucket/repo1/x", "acl")));
    assertFalse(allowed(admin, session, classify("GET", "/bucket/repo1/x", "torrent")));
    assertFalse(allowed(admin, session, classify("GET", "/", "")));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private S3Operation classify(String method, String rawPath, String rawQuery) throws S3ClassificationException {
    return classifier.classify(method, rawPath, query(rawQuery), Map.of(), NO_BODY_READ);
  }

  private S3Operation copy(String method, String rawPath, String rawQuery, String copySource)
      throws S3ClassificationException {
    return classifier.classify(method, rawPath, query(rawQuery), Map.of("X-Amz-Copy-Source", List.of(copySource)),
        NO_BODY_READ);
  }

  private S3Operation deleteObjects(String xml) throws S3ClassificationException {
    return classifier.classify("POST", "/bucket", Map.of("delete", List.of("")), Map.of(),
        () -> xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String deleteBody(int keys) {
    return IntStream.range(0, keys).mapToObj(i -> "<Object><Key>repo1/k" + i + "</Key></Object>")
        .collect(Collectors.joining("", "<Delete>", "</Delete>"));
  }

  /** As the gateway decodes a query string: a parameter with no value maps to "". */
  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (!rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return query;
  }

  private static boolean allowed(PolicyDocument role, Optional<PolicyDocument> session, S3Operation op) {
    return op.permissions().stream().allMatch(p ->
        PolicyDocument.isAllowed(role, session, p.action(), p.resourceArn(), p.context()));
  }

  private static S3Permission perm(String action, String arn) {
    return new S3Permission(action, arn, Map.of());
  }

  private static void assertOperation(S3Operation op, String name, String bucket, String key) {
    assertEquals(name, op.name());
    assertEquals(bucket, op.bucket());
    assertEquals(key, op.key());
  }

  private static void assertSingle(S3Operation op, String name, String action, String arn) {
    assertEquals(name, op.name());
    assertEquals(List.of(perm(action, arn)), op.permissions());
  }

  private interface Classification {
    S3Operation run() throws S3ClassificationException;
  }

  private static S3ClassificationException assertRefused(String code, String messagePart, Classification c) {
    S3ClassificationException e = assertThrows(S3ClassificationException.class, c::run);
    assertEquals(e.getMessage(), code, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
    return e;
  }
}
