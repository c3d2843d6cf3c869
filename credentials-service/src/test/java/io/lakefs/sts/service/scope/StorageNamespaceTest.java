package io.lakefs.sts.service.scope;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;

public class StorageNamespaceTest {

  @Test
  public void parsesBucketAndPrefixEndingWithSlash() {
    StorageNamespace ns = StorageNamespace.parse("s3://lakefs-data/repo1/");
    assertEquals("lakefs-data", ns.bucket());
    assertEquals("repo1/", ns.keyPrefix());
    assertEquals("s3://lakefs-data/repo1/", ns.toString());
  }

  @Test
  public void addsTheMissingTrailingSlashToThePrefix() {
    assertEquals("path/to/repo1/", StorageNamespace.parse("s3://lakefs-data/path/to/repo1").keyPrefix());
  }

  @Test
  public void aBareBucketIsTheWholeBucket() {
    assertEquals("", StorageNamespace.parse("s3://lakefs-data").keyPrefix());
    assertEquals("", StorageNamespace.parse("s3://lakefs-data/").keyPrefix());
    assertEquals("s3://lakefs-data/", StorageNamespace.parse("s3://lakefs-data").toString());
  }

  @Test
  public void acceptsTheSchemeInAnyCaseAsLakeFsDoes() {
    assertEquals(StorageNamespace.parse("s3://b-1/x/"), StorageNamespace.parse("S3://b-1/x"));
  }

  @Test
  public void keepsKeyCharactersS3AllowsSuchAsSpacesAndUnicode() {
    assertEquals("my repo/données/", StorageNamespace.parse("s3://bucket/my repo/données").keyPrefix());
  }

  @Test
  public void sameLocationWrittenDifferentlyIsEqual() {
    assertEquals(StorageNamespace.parse("s3://bucket/a/b"), StorageNamespace.parse("s3://bucket/a/b/"));
    assertEquals(StorageNamespace.parse("s3://bucket/a/b").hashCode(),
        StorageNamespace.parse("s3://bucket/a/b/").hashCode());
  }

  @Test
  public void coversOnlyWholePathSegmentsBelowItInTheSameBucket() {
    StorageNamespace repo1 = StorageNamespace.parse("s3://bucket/repo1");
    assertTrue(repo1.covers(StorageNamespace.parse("s3://bucket/repo1/sub")));
    assertTrue(repo1.covers(repo1));
    assertFalse(repo1.covers(StorageNamespace.parse("s3://bucket/repo10")));
    assertFalse(repo1.covers(StorageNamespace.parse("s3://other-bucket/repo1/sub")));
    assertTrue(StorageNamespace.parse("s3://bucket").covers(repo1));
  }

  @Test
  public void refusesOtherStorageNamingItAndSayingOnlyS3IsServed() {
    String message = refusal("my-repo", "gs://bucket/repo1/");
    assertContains(message, "'gs://bucket/repo1/'", "repository 'my-repo'", "Google Cloud Storage",
        "only S3 namespaces", "STS");
    assertContains(refusal("r", "https://account.blob.core.windows.net/container/repo"), "Azure Blob Storage");
    assertContains(refusal("r", "local://data/repo"), "local block adapter");
    assertContains(refusal("r", "mem://repo"), "in-memory");
    assertContains(refusal("r", "s3a://bucket/repo"), "use s3://");
  }

  @Test
  public void refusesValuesWithoutSchemeOrBucket() {
    assertContains(refusal("r", ""), "is empty");
    assertContains(refusal("r", null), "is empty", "repository 'r'");
    assertContains(refusal("r", "bucket/repo1"), "no scheme");
    assertContains(refusal("r", "s3://"), "bucket name is empty");
    assertContains(refusal("r", "s3:///repo1"), "bucket name is empty");
    assertContains(refusal("r", " s3://bucket/repo1"), "whitespace");
  }

  @Test
  public void refusesBucketNamesS3DoesNotAllow() {
    assertContains(refusal("r", "s3://ab/x"), "3 to 63");
    assertContains(refusal("r", "s3://" + "a".repeat(64) + "/x"), "3 to 63");
    assertContains(refusal("r", "s3://My_Bucket/x"), "lowercase letters");
    assertContains(refusal("r", "s3://-bucket/x"), "start and end");
    assertContains(refusal("r", "s3://bucket-/x"), "start and end");
    assertContains(refusal("r", "s3://my..bucket/x"), "adjacent periods");
    assertContains(refusal("r", "s3://192.168.1.1/x"), "IP address");
    assertContains(refusal("r", "s3://xn--bucket/x"), "reserved prefix");
    assertContains(refusal("r", "s3://my-ap-abc123-s3alias/x"), "access point");
    assertContains(refusal("r", "s3://bucket--use1-az4--x-s3/x"), "directory bucket");
    assertContains(refusal("r", "s3://user@bucket/x"), "lowercase letters");
    assertContains(refusal("r", "s3://bucket:443/x"), "lowercase letters");
  }

  @Test
  public void refusesDotSegmentsAndEmptySegments() {
    assertContains(refusal("r", "s3://bucket/repo1/../repo2/"), "'..' path segment");
    assertContains(refusal("r", "s3://bucket/../x"), "'..' path segment");
    assertContains(refusal("r", "s3://bucket/./x"), "'.' path segment");
    assertContains(refusal("r", "s3://bucket//x"), "empty ('//') path segment");
    assertContains(refusal("r", "s3://bucket/x//"), "empty ('//') path segment");
  }

  @Test
  public void keepsNamesThatOnlyContainDots() {
    assertEquals("v1..2/.hidden/", StorageNamespace.parse("s3://bucket/v1..2/.hidden/").keyPrefix());
  }

  @Test
  public void refusesCharactersAPolicyWouldReadAsWildcardsOrVariables() {
    assertContains(refusal("r", "s3://bucket/repo*/"), "'*'", "wildcard");
    assertContains(refusal("r", "s3://bucket/repo?/"), "'?'");
    assertContains(refusal("r", "s3://bucket/${aws:username}/"), "'$'");
  }

  @Test
  public void refusesCharactersThatMakeThePrefixAmbiguous() {
    assertContains(refusal("r", "s3://bucket/repo#1/"), "'#'", "ambiguous");
    assertContains(refusal("r", "s3://bucket/repo%201/"), "'%'");
    assertContains(refusal("r", "s3://bucket/repo\n1/"), "control character U+000A");
    assertContains(refusal("r", "s3://bucket/repo\uD800/"), "unpaired surrogate");
    assertContains(refusal("r", "s3://bucket/" + "k".repeat(1025)), "1024-byte");
  }

  @Test
  public void refusalCarriesTheValueAndRepository() {
    InvalidStorageNamespaceException e = assertThrows(InvalidStorageNamespaceException.class,
        () -> StorageNamespace.ofRepository("repo1", "gs://b/x"));
    assertEquals("gs://b/x", e.value());
    assertEquals(Optional.of("repo1"), e.repository());
    InvalidStorageNamespaceException anonymous = assertThrows(InvalidStorageNamespaceException.class,
        () -> StorageNamespace.parse("gs://b/x"));
    assertEquals(Optional.empty(), anonymous.repository());
    assertFalse(anonymous.getMessage().contains("repository '"));
  }

  private static String refusal(String repository, String value) {
    return assertThrows(InvalidStorageNamespaceException.class,
        () -> StorageNamespace.ofRepository(repository, value)).getMessage();
  }

  static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue("expected '" + part + "' in: " + message, message.contains(part));
    }
  }
}
