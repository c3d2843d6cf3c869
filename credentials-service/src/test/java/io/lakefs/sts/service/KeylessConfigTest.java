package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.Test;

/** The keyless routes' configuration: off unless the service has a lakeFS key, and refusals naming the key to set. */
public class KeylessConfigTest {
  private static final String SECRET = "service-SECRET-for-config-tests-01";

  @Test
  public void offWithoutTheServicesKey() throws Exception {
    assertFalse(ServiceConfig.from(conf()).keyless().isPresent());
  }

  @Test
  public void theServicesKeyTurnsItOnWithARecheckEveryMinute() throws Exception {
    ServiceConfig.Keyless keyless = ServiceConfig.from(conf(ServiceKeys.LAKEFS_SERVICE_ACCESS_KEY, "AKIAIOSFODNN7SERVICE",
        ServiceKeys.LAKEFS_SERVICE_SECRET_KEY, SECRET,
        ServiceKeys.KERBEROS_USER_MAPPING, "etl/host1@EXAMPLE.COM=etl-bot",
        ServiceKeys.PROXYUSER_PREFIX + "livy.users", "*")).keyless().orElseThrow();

    assertEquals(Duration.ofSeconds(60), keyless.policiesTtl());
    assertTrue(keyless.recheckTokens());
    assertEquals("etl-bot", keyless.userMapping().lakeFSUser("etl/host1@EXAMPLE.COM", "etl"));
    assertFalse(keyless.proxyUsers().isEmpty());
    assertFalse("the secret must not show: " + keyless, keyless.toString().contains(SECRET));
  }

  @Test
  public void proxyRulesOrAMappingWithoutTheServicesKeyAreRefusedNamingIt() {
    IllegalArgumentException rules = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(conf(ServiceKeys.PROXYUSER_PREFIX + "livy.users", "alice")));
    IllegalArgumentException mapping = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(conf(ServiceKeys.KERBEROS_USER_MAPPING, "ali=alice")));
    IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(conf(ServiceKeys.LAKEFS_SERVICE_ACCESS_KEY, "AKIAIOSFODNN7SERVICE")));

    assertTrue(rules.getMessage(), rules.getMessage().startsWith("lakefs.sts.proxyuser.* rules are set, but")
        && rules.getMessage().contains(ServiceKeys.LAKEFS_SERVICE_ACCESS_KEY));
    assertTrue(mapping.getMessage(), mapping.getMessage().startsWith(ServiceKeys.KERBEROS_USER_MAPPING + " is set"));
    assertEquals(ServiceKeys.LAKEFS_SERVICE_ACCESS_KEY + " is set, so " + ServiceKeys.LAKEFS_SERVICE_SECRET_KEY
        + " must be too (in the file or a credential provider)", noSecret.getMessage());
  }

  @Test
  public void aNegativeRecheckIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(conf(ServiceKeys.LAKEFS_SERVICE_ACCESS_KEY, "AKIAIOSFODNN7SERVICE",
            ServiceKeys.LAKEFS_SERVICE_SECRET_KEY, SECRET, ServiceKeys.LAKEFS_RECHECK_SECONDS, "-1")));

    assertEquals(ServiceKeys.LAKEFS_RECHECK_SECONDS + " must be 0 or more seconds, got -1", refused.getMessage());
  }

  private static Configuration conf(String... keysAndValues) {
    Configuration conf = new Configuration(false);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      conf.set(keysAndValues[i], keysAndValues[i + 1]);
    }
    return conf;
  }
}
