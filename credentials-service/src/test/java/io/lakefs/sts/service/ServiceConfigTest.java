package io.lakefs.sts.service;

import static io.lakefs.sts.service.ConfigurationsForTests.conf;
import static io.lakefs.sts.service.ConfigurationsForTests.refusal;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.StorageNamespace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** Reading the service's configuration: defaults, and refusals that name the key to fix. */
public class ServiceConfigTest {
  @Test
  public void defaultsListenOnLoopbackWithTheFeatureOff() throws Exception {
    ServiceConfig config = ServiceConfig.from(conf());

    assertEquals("127.0.0.1", config.httpAddress().getHostString());
    assertEquals(8765, config.httpAddress().getPort());
    assertFalse(config.sts().isPresent());
    assertFalse(config.tls().isPresent());
    assertEquals(AccessLevel.READ, config.defaultAccess());
    assertEquals(List.of("basic"), config.authSchemes());
  }

  @Test
  public void aRoleTurnsTheFeatureOnWithItsSettings() throws Exception {
    ServiceConfig config = ServiceConfig.from(conf(
        ServiceKeys.ROLE_ARN, "arn:aws:iam::123456789012:role/lakefs-sts",
        ServiceKeys.CREDENTIALS_DURATION_SECONDS, "1800",
        ServiceKeys.STS_ENDPOINT, "http://127.0.0.1:9000"));

    assertEquals("arn:aws:iam::123456789012:role/lakefs-sts", config.sts().orElseThrow().roleArn());
    assertEquals(1800, config.sts().orElseThrow().duration().toSeconds());
  }

  @Test
  public void extraLocationsAreReadPerRepository() throws Exception {
    ServiceConfig config = ServiceConfig.from(conf(
        "lakefs.sts.repository.sales.extra-locations", "s3://imports/sales/, s3://archive/sales-2019/"));

    assertEquals(List.of(StorageNamespace.parse("s3://imports/sales/"), StorageNamespace.parse("s3://archive/sales-2019/")),
        config.extraLocations().get("sales"));
  }

  @Test
  public void rolesAreReadPerStorageAndPerBucket() throws Exception {
    ServiceConfig config = ServiceConfig.from(conf(
        ServiceKeys.ROLE_ARN, "arn:aws:iam::123456789012:role/lakefs-sts",
        "lakefs.sts.storage.west.role.arn", "arn:aws:iam::123456789012:role/west",
        "lakefs.sts.bucket.partner-data.role.arn", "arn:aws:iam::210987654321:role/partner",
        "lakefs.sts.bucket.partner-data.role.external-id", "lakefs-partner"));

    assertEquals(Map.of("west", new Role("arn:aws:iam::123456789012:role/west", Optional.empty())),
        config.storageRoles());
    assertEquals(Map.of("partner-data", new Role("arn:aws:iam::210987654321:role/partner",
        Optional.of("lakefs-partner"))), config.bucketRoles());
  }

  @Test
  public void kmsKeysAreReadPerBucketAndPerRepository() throws Exception {
    String key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    ServiceConfig config = ServiceConfig.from(conf("lakefs.sts.repository.sales.kms.key-arn", key,
        "lakefs.sts.repository.sales.extra-locations", "s3://imports/sales/"));
    ResolvedScope scope = new ResolvedScope(AccessLevel.WRITE, Map.of("sales",
        List.of(StorageNamespace.parse("s3://lakefs-data/sales/"), StorageNamespace.parse("s3://imports/sales/"))));

    assertEquals("[s3://lakefs-data/sales/ (write, kms " + key + "), s3://imports/sales/ (read)]",
        config.kmsKeys().withKeys(scope, scope.grants()).toString());
  }

  @Test
  public void storageRolesWithoutTheDefaultRoleAreRefused() {
    assertTrue(refusal(conf("lakefs.sts.storage.west.role.arn", "arn:aws:iam::123456789012:role/west"))
        .contains(ServiceKeys.ROLE_ARN));
  }

  /** A key ARN lands in the session policy: a wildcard there would reach every key. */
  @Test
  public void aKmsKeyArnWithAWildcardIsRefused() {
    String refusal = refusal(conf("lakefs.sts.bucket.lakefs-data.kms.key-arn", "arn:aws:kms:us-east-1:123456789012:key/*"));
    assertTrue(refusal, refusal.contains("lakefs.sts.bucket.lakefs-data.kms.key-arn") && refusal.contains("no * ? or $"));
  }

  @Test
  public void badValuesNameTheirKey() {
    assertTrue(refusal(conf(ServiceKeys.HTTP_ADDRESS, "localhost")).contains(ServiceKeys.HTTP_ADDRESS));
    assertTrue(refusal(conf(ServiceKeys.CREDENTIALS_DEFAULT_ACCESS, "admin"))
        .contains(ServiceKeys.CREDENTIALS_DEFAULT_ACCESS));
    assertTrue(refusal(conf(ServiceKeys.AUTH_SCHEMES, "digest")).contains(ServiceKeys.AUTH_SCHEMES));
    assertTrue(refusal(conf("lakefs.sts.repository.sales.extra-locations", "gs://bucket/x/"))
        .contains("lakefs.sts.repository.sales.extra-locations"));
    assertTrue(refusal(conf(ServiceKeys.STS_ACCESS_KEY, "AKIAEXAMPLE")).contains(ServiceKeys.STS_SECRET_KEY));
    assertTrue(refusal(conf(ServiceKeys.ROLE_ARN, "arn:aws:iam::123456789012:role/lakefs-sts",
        "lakefs.sts.bucket.b.role.arn", "not-a-role")).contains("lakefs.sts.bucket.b.role.arn"));
    assertTrue(refusal(conf(ServiceKeys.ROLE_ARN, "arn:aws:iam::123456789012:role/lakefs-sts",
        "lakefs.sts.storage.west.role.external-id", "x1")).contains("lakefs.sts.storage.west.role.arn"));
  }
}
