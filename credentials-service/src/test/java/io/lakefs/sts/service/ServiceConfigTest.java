package io.lakefs.sts.service;

import static io.lakefs.sts.service.ConfigurationsForTests.conf;
import static io.lakefs.sts.service.ConfigurationsForTests.refusal;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.StorageNamespace;
import java.util.List;
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
  public void badValuesNameTheirKey() {
    assertTrue(refusal(conf(ServiceKeys.HTTP_ADDRESS, "localhost")).contains(ServiceKeys.HTTP_ADDRESS));
    assertTrue(refusal(conf(ServiceKeys.CREDENTIALS_DEFAULT_ACCESS, "admin"))
        .contains(ServiceKeys.CREDENTIALS_DEFAULT_ACCESS));
    assertTrue(refusal(conf(ServiceKeys.AUTH_SCHEMES, "digest")).contains(ServiceKeys.AUTH_SCHEMES));
    assertTrue(refusal(conf("lakefs.sts.repository.sales.extra-locations", "gs://bucket/x/"))
        .contains("lakefs.sts.repository.sales.extra-locations"));
    assertTrue(refusal(conf(ServiceKeys.STS_ACCESS_KEY, "AKIAEXAMPLE")).contains(ServiceKeys.STS_SECRET_KEY));
  }
}
