package io.lakefs.sts.service;

import static io.lakefs.sts.service.ConfigurationsForTests.conf;
import static io.lakefs.sts.service.ConfigurationsForTests.refusal;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.auth.KerberosSettings;
import io.lakefs.sts.service.auth.LakeFSKerberosAuthenticationHandler;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading the negotiate (Kerberos) settings and turning them into hadoop-auth's filter parameters. */
public class KerberosConfigTest {
  @Rule
  public final TemporaryFolder dir = new TemporaryFolder();

  @Test
  public void negotiateWithoutPrincipalOrKeytabNamesBothKeys() {
    String message = refusal(conf(ServiceKeys.AUTH_SCHEMES, "negotiate,basic",
        ServiceKeys.KERBEROS_PRINCIPAL, "HTTP/_HOST@EXAMPLE.COM"));

    assertTrue(message, message.contains(ServiceKeys.KERBEROS_PRINCIPAL));
    assertTrue(message, message.contains(ServiceKeys.KERBEROS_KEYTAB));
  }

  @Test
  public void aKeytabThatIsNotThereIsNamed() {
    String message = refusal(conf(ServiceKeys.AUTH_SCHEMES, "negotiate",
        ServiceKeys.KERBEROS_PRINCIPAL, "HTTP/_HOST@EXAMPLE.COM",
        ServiceKeys.KERBEROS_KEYTAB, "/no/such/http.keytab"));

    assertTrue(message, message.contains(ServiceKeys.KERBEROS_KEYTAB));
    assertTrue(message, message.contains("/no/such/http.keytab"));
  }

  @Test
  public void unknownSchemeListsTheSupportedOnes() {
    String message = refusal(conf(ServiceKeys.AUTH_SCHEMES, "digest"));

    assertTrue(message, message.contains("negotiate") && message.contains("basic"));
  }

  @Test
  public void hostInThePrincipalBecomesTheListenHost() throws Exception {
    File keytab = dir.newFile("http.keytab");
    ServiceConfig config = ServiceConfig.from(conf(ServiceKeys.AUTH_SCHEMES, "Negotiate, basic",
        ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0",
        ServiceKeys.KERBEROS_PRINCIPAL, "HTTP/_HOST@EXAMPLE.COM",
        ServiceKeys.KERBEROS_KEYTAB, keytab.getPath()));

    assertEquals(List.of("negotiate", "basic"), config.authSchemes());
    assertEquals(new KerberosSettings("HTTP/127.0.0.1@EXAMPLE.COM", keytab.getPath(), "DEFAULT"),
        config.kerberos().orElseThrow());
  }

  @Test
  public void bothSchemesReachHadoopAuthAndMayObtainDelegationTokens() throws Exception {
    File keytab = dir.newFile("http.keytab");
    Map<String, String> parameters = CredentialsService.authFilterParameters(ServiceConfig.from(conf(
        ServiceKeys.AUTH_SCHEMES, "negotiate,basic",
        ServiceKeys.KERBEROS_PRINCIPAL, "HTTP/lakefs-sts.example.com@EXAMPLE.COM",
        ServiceKeys.KERBEROS_KEYTAB, keytab.getPath(),
        ServiceKeys.KERBEROS_NAME_RULES, "RULE:[2:$1@$0](yarn@.*)s/.*/yarn/ DEFAULT")));

    assertEquals(LakeFSKerberosAuthenticationHandler.class.getName(),
        parameters.get("multi-scheme-auth-handler.schemes.negotiate.handler"));
    assertEquals("negotiate,basic", parameters.get("multi-scheme-auth-handler.delegation.schemes"));
    assertEquals("HTTP/lakefs-sts.example.com@EXAMPLE.COM", parameters.get("kerberos.principal"));
    assertEquals(keytab.getPath(), parameters.get("kerberos.keytab"));
    assertEquals("RULE:[2:$1@$0](yarn@.*)s/.*/yarn/ DEFAULT", parameters.get("kerberos.name.rules"));
  }

  @Test
  public void basicAloneHasNoKerberos() throws Exception {
    ServiceConfig config = ServiceConfig.from(conf());

    assertFalse(config.kerberos().isPresent());
    assertFalse(CredentialsService.authFilterParameters(config).containsKey("kerberos.principal"));
  }
}
