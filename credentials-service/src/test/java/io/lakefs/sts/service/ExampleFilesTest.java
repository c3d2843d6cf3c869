package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.service.sts.StsSettings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.Test;

/**
 * examples/conf/lakefs-sts-site.xml and the IAM policies in examples/iam stay true to the service: every key the
 * site file names (its commented Kerberos block included) is one of {@link ServiceKeys}, it holds no secret and
 * the service accepts it; the identity and trust policies allow what the service's AssumeRole call sends. The
 * release's commented template (release/src/main/conf) is held to the same keys.
 */
public class ExampleFilesTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final List<String> STS_ACTIONS = List.of("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity");

  @Test
  public void siteFileNamesOnlyServiceKeysHoldsNoSecretAndIsAccepted() throws Exception {
    Path site = EXAMPLES.resolve("conf/lakefs-sts-site.xml");
    assertNamesOnlyServiceKeys(site);

    Configuration conf = new Configuration(false);
    conf.addResource(new org.apache.hadoop.fs.Path(site.toAbsolutePath().toUri()));
    assertNull(conf.get(ServiceKeys.TLS_KEYSTORE_PASSWORD));
    assertNull(conf.get(ServiceKeys.STS_SECRET_KEY));
    // The password comes from the credential provider on a real host; here, as if it had.
    conf.unset("hadoop.security.credential.provider.path");
    conf.set(ServiceKeys.TLS_KEYSTORE_PASSWORD, "from-the-credential-provider");
    ServiceConfig config = ServiceConfig.from(conf);
    assertTrue(config.tls().isPresent());
    assertEquals("arn:aws:iam::123456789012:role/lakefs-sts", config.sts().orElseThrow().roleArn());
    assertEquals(List.of(ServiceConfig.BASIC), config.authSchemes());
  }

  /** The release's commented template too: what an administrator edits must name real keys. */
  @Test
  public void releaseTemplateNamesOnlyServiceKeysAndHoldsNoSecret() throws Exception {
    Path template = Path.of("..", "release", "src", "main", "conf", "lakefs-sts-site.xml");
    assertNamesOnlyServiceKeys(template);
    Configuration conf = new Configuration(false);
    conf.addResource(new org.apache.hadoop.fs.Path(template.toAbsolutePath().toUri()));
    assertNull(conf.get(ServiceKeys.TLS_KEYSTORE_PASSWORD));
    assertNull(conf.get(ServiceKeys.STS_SECRET_KEY));
    assertEquals("arn:aws:iam::123456789012:role/lakefs-sts", ServiceConfig.from(conf).sts().orElseThrow().roleArn());
  }

  /** Every name in the file, commented blocks included, is one of {@link ServiceKeys} (or the credential provider). */
  private static void assertNamesOnlyServiceKeys(Path site) throws Exception {
    Set<String> keys = new HashSet<>();
    for (Field field : ServiceKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && field.getName().equals(field.getName().toUpperCase()) && !field.getName().startsWith("DEFAULT_")) {
        keys.add((String) field.get(null));
      }
    }
    List<String> unknown = new ArrayList<>();
    Matcher names = Pattern.compile("<name>([^<]+)</name>").matcher(Files.readString(site));
    int named = 0;
    while (names.find()) {
      named++;
      String name = names.group(1);
      boolean extraLocations = name.startsWith(ServiceKeys.REPOSITORY_PREFIX)
          && name.endsWith(ServiceKeys.REPOSITORY_EXTRA_LOCATIONS_SUFFIX);
      if (!keys.contains(name) && !extraLocations && !name.equals("hadoop.security.credential.provider.path")) {
        unknown.add(name);
      }
    }
    assertTrue("keys in " + site + " that ServiceKeys does not know: " + unknown, unknown.isEmpty());
    assertTrue(named > 10);
  }

  @Test
  public void identityAndTrustPoliciesAllowWhatAssumeRoleSends() throws Exception {
    JsonNode identity = statement("service-identity-policy.json");
    assertTrue(identity.toString(), actions(identity).containsAll(STS_ACTIONS));
    assertEquals("arn:aws:iam::123456789012:role/lakefs-sts", identity.get("Resource").asText());

    JsonNode trust = statement("role-trust-policy.json");
    assertTrue(trust.toString(), actions(trust).containsAll(STS_ACTIONS));
    JsonNode condition = trust.get("Condition");
    assertEquals(StsSettings.DEFAULT_ISSUER_TAG_VALUE,
        condition.get("StringEquals").get("aws:RequestTag/" + StsSettings.DEFAULT_ISSUER_TAG_KEY).asText());
    Set<String> tagKeys = new HashSet<>();
    condition.get("ForAllValues:StringEquals").get("aws:TagKeys").forEach(key -> tagKeys.add(key.asText()));
    assertEquals(Set.of(StsSettings.DEFAULT_USER_TAG_KEY, StsSettings.DEFAULT_ISSUER_TAG_KEY), tagKeys);
    assertTrue(condition.get("StringLike").has("sts:SourceIdentity"));
  }

  private static JsonNode statement(String file) throws Exception {
    JsonNode policy = new ObjectMapper().readTree(EXAMPLES.resolve("iam").resolve(file).toFile());
    assertEquals("2012-10-17", policy.get("Version").asText());
    assertEquals(1, policy.get("Statement").size());
    return policy.get("Statement").get(0);
  }

  static Set<String> actions(JsonNode statement) {
    Set<String> actions = new HashSet<>();
    statement.get("Action").forEach(action -> actions.add(action.asText()));
    return actions;
  }
}
