package io.lakefs.sts.service.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code lakefs.sts.proxyuser.*} with the meaning of {@code hadoop.proxyuser.*}, decided by Hadoop's provider. */
public class ProxyUserRulesTest {
  @BeforeClass
  public static void groups() {
    // Hadoop's group mapping, told carol's groups as Hadoop's own tests tell it (process-wide, test JVM only).
    UserGroupInformation.createUserForTesting("carol", new String[] {"analysts", "staff"});
    UserGroupInformation.createUserForTesting("dan", new String[] {"staff"});
  }

  @Test
  public void aSuperuserWithoutRulesMayActForNoOne() {
    ProxyUserRules rules = new ProxyUserRules(rules("hadoop.proxyuser.livy.users", "*",
        "hadoop.proxyuser.livy.hosts", "*"));

    ImpersonationRefusedException refused = assertThrows(ImpersonationRefusedException.class,
        () -> rules.authorize("livy", "alice", "127.0.0.1"));

    assertTrue("hadoop.proxyuser.* is the cluster's, not this service's", rules.isEmpty());
    assertEquals("user livy may not act for alice (doAs): no rule lets livy act for anyone: set"
        + " lakefs.sts.proxyuser.livy.users or lakefs.sts.proxyuser.livy.groups (and lakefs.sts.proxyuser.livy.hosts);"
        + " an administrator of the credentials service decides who may act for whom", refused.getMessage());
    assertEquals("livy", refused.realUser());
    assertEquals("alice", refused.effectiveUser());
  }

  @Test
  public void namedUsersFromNamedHostsOnly() throws Exception {
    ProxyUserRules rules = new ProxyUserRules(rules("lakefs.sts.proxyuser.livy.users", "alice,bob",
        "lakefs.sts.proxyuser.livy.hosts", "127.0.0.1"));

    rules.authorize("livy", "alice", "127.0.0.1");
    rules.authorize("livy", "bob", "127.0.0.1");
    ImpersonationRefusedException otherUser = assertThrows(ImpersonationRefusedException.class,
        () -> rules.authorize("livy", "dan", "127.0.0.1"));
    ImpersonationRefusedException otherHost = assertThrows(ImpersonationRefusedException.class,
        () -> rules.authorize("livy", "alice", "10.1.2.3"));
    ImpersonationRefusedException otherSuperuser = assertThrows(ImpersonationRefusedException.class,
        () -> rules.authorize("hive", "alice", "127.0.0.1"));

    assertEquals("user livy may not act for dan (doAs): lakefs.sts.proxyuser.livy.users = 'alice,bob' does not name"
        + " dan and lakefs.sts.proxyuser.livy.groups = '' names none of its groups [staff]; an administrator of the"
        + " credentials service decides who may act for whom", otherUser.getMessage());
    assertEquals("user livy may not act for alice (doAs): lakefs.sts.proxyuser.livy.hosts = '127.0.0.1' does not"
        + " include 10.1.2.3, where the request came from; an administrator of the credentials service decides who"
        + " may act for whom", otherHost.getMessage());
    assertTrue(otherSuperuser.getMessage(), otherSuperuser.getMessage().contains("no rule lets hive act for anyone"));
  }

  @Test
  public void groupsAreTheEffectiveUsersAndHostsTakeRanges() throws Exception {
    ProxyUserRules rules = new ProxyUserRules(rules("lakefs.sts.proxyuser.hive.groups", "analysts",
        "lakefs.sts.proxyuser.hive.hosts", "127.0.0.0/8"));

    rules.authorize("hive", "carol", "127.0.0.2");
    ImpersonationRefusedException notInGroup = assertThrows(ImpersonationRefusedException.class,
        () -> rules.authorize("hive", "dan", "127.0.0.2"));

    assertTrue(notInGroup.getMessage(), notInGroup.getMessage().contains("lakefs.sts.proxyuser.hive.groups ="
        + " 'analysts' names none of its groups [staff]"));
    assertFalse(rules.isEmpty());
  }

  @Test
  public void wildcardsLetASuperuserActForAnyoneFromAnywhere() throws Exception {
    ProxyUserRules rules = new ProxyUserRules(rules("lakefs.sts.proxyuser.oozie.users", "*",
        "lakefs.sts.proxyuser.oozie.hosts", "*"));

    rules.authorize("oozie", "anyone", "192.0.2.7");
    rules.authorize("oozie", "carol", "::1");
  }

  @Test
  public void withoutAHostsRuleNoAddressIsAllowed() {
    ProxyUserRules rules = new ProxyUserRules(rules("lakefs.sts.proxyuser.livy.users", "*"));

    ImpersonationRefusedException refused = assertThrows(ImpersonationRefusedException.class,
        () -> rules.authorize("livy", "alice", "127.0.0.1"));

    assertTrue(refused.getMessage(), refused.getMessage().contains("lakefs.sts.proxyuser.livy.hosts = '' does not"
        + " include 127.0.0.1"));
  }

  private static Configuration rules(String... keysAndValues) {
    Configuration configuration = new Configuration(false);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      configuration.set(keysAndValues[i], keysAndValues[i + 1]);
    }
    return configuration;
  }
}
