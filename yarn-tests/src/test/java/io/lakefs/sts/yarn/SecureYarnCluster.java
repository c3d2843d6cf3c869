package io.lakefs.sts.yarn;

import io.lakefs.sts.testsupport.MiniKdcFixture;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;
import org.apache.hadoop.yarn.server.resourcemanager.security.DelegationTokenRenewer;

/**
 * A Kerberized YARN with MapReduce on loopback: a KDC, one ResourceManager that logs in from its keytab as
 * {@code yarn/HOST} and renews tokens as that login, one NodeManager, and users' keytabs.
 * The RM finds {@code LakeFSTokenRenewer} as a cluster finds it once an admin drops the hadoop-tokens jar into the
 * RM's class path: through the service loader, with no configuration.
 *
 * <p>The JVM's UGI switches to Kerberos for good, so each test class using this runs in a JVM of its own. Jobs here
 * are map only: with Kerberos on, MapReduce's shuffle opens map output through {@code SecureIOUtils}, which needs
 * Hadoop's native library ({@code NativeIO.POSIX.fstat}); cluster nodes have it, no registry we reach ships it.
 */
final class SecureYarnCluster implements AutoCloseable {
  /** The RM and NM principals map to {@code yarn}, the renewer name jobs put in their tokens. */
  static final String NAME_RULES = "RULE:[2:$1@$0](yarn@.*)s/.*/yarn/\nDEFAULT";

  final MiniKdcFixture kdc;
  private final MiniMRYarnCluster yarn;

  private SecureYarnCluster(MiniKdcFixture kdc, MiniMRYarnCluster yarn) {
    this.kdc = kdc;
    this.yarn = yarn;
  }

  /** Starts the KDC and YARN; the RM's scheduled renewals come due every {@code renewalInterval}. */
  static SecureYarnCluster start(Path dir, String name, Duration renewalInterval) throws Exception {
    MiniKdcFixture kdc = MiniKdcFixture.start(Files.createDirectories(dir));
    try {
      File yarnKeytab = kdc.keytab("yarn.keytab", hostPrincipals("yarn"));
      Configuration conf = new YarnConfiguration();
      conf.set("hadoop.security.authentication", "kerberos");
      conf.set("hadoop.security.auth_to_local", NAME_RULES);
      conf.set(YarnConfiguration.RM_PRINCIPAL, "yarn/_HOST@" + kdc.realm());
      conf.set(YarnConfiguration.RM_KEYTAB, yarnKeytab.getPath());
      conf.set(YarnConfiguration.NM_PRINCIPAL, "yarn/_HOST@" + kdc.realm());
      conf.set(YarnConfiguration.NM_KEYTAB, yarnKeytab.getPath());
      // No JobHistoryServer: a client reads a finished job's state from the RM, and a Kerberized JHS adds nothing here.
      conf.setBoolean(MiniMRYarnCluster.MR_HISTORY_MINICLUSTER_ENABLED, false);
      // Keep finished containers' directories, so tests can read what was launched.
      conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);
      conf.set("hadoop.tmp.dir", dir.resolve("hadoop-tmp").toString());
      // What a node has in /etc/krb5.conf, and the AM web app's Guice needs on Java 17: the admin's JVM options.
      String nodeJvmOptions = "-Djava.security.krb5.conf=" + System.getProperty("java.security.krb5.conf")
          + " --add-opens java.base/java.lang=ALL-UNNAMED";
      conf.set("yarn.app.mapreduce.am.admin-command-opts", nodeJvmOptions);
      conf.set("mapreduce.admin.map.child.java.opts", nodeJvmOptions);
      conf.set("mapreduce.admin.reduce.child.java.opts", nodeJvmOptions);
      UserGroupInformation.setConfiguration(conf);
      MiniMRYarnCluster yarn = new MiniMRYarnCluster(name, 1) {
        @Override
        protected ResourceManager createResourceManager() {
          return new ResourceManager() {
            @Override
            protected DelegationTokenRenewer createDelegationTokenRenewer() {
              return new PromptDelegationTokenRenewer(renewalInterval);
            }
          };
        }
      };
      yarn.init(conf);
      yarn.start();
      return new SecureYarnCluster(kdc, yarn);
    } catch (Exception | Error e) {
      kdc.close();
      throw e;
    }
  }

  /** {@code name/HOST} for every name the RM's address may be reached by, so the RM and its clients agree. */
  private static String[] hostPrincipals(String name) throws Exception {
    String host = MiniYARNCluster.getHostname();
    Set<String> hosts = new LinkedHashSet<>(Stream.of("localhost", "127.0.0.1", host,
        InetAddress.getByName(host).getCanonicalHostName()).map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList());
    return hosts.stream().map(h -> name + "/" + h).toArray(String[]::new);
  }

  /** The configuration a client of this cluster uses (RM address and principal, Kerberos). */
  Configuration clientConf() {
    return new Configuration(yarn.getConfig());
  }

  /** Logs {@code user} in from a new keytab, as {@code kinit -kt} would. */
  UserGroupInformation login(String user) throws Exception {
    return UserGroupInformation.loginUserFromKeytabAndReturnUGI(kdc.principal(user), keytab(user).getPath());
  }

  /** A new principal {@code user} and its keytab. */
  File keytab(String user) throws Exception {
    return kdc.keytab(user + ".keytab", user);
  }

  /** The NodeManager's directories, where launched containers' scripts and job files stay for a while. */
  Path nodeManagerDir() {
    return yarn.getTestWorkDir().toPath();
  }

  /** The files named one of {@code names} that the NodeManager launched containers with, as it kept them. */
  List<Path> launchedFiles(Set<String> names) throws IOException {
    try (Stream<Path> files = Files.walk(nodeManagerDir())) {
      return files.filter(f -> names.contains(f.getFileName().toString())).toList();
    }
  }

  /** The tokens the RM received with an application's submission (the ones it renews and cancels). */
  Credentials tokensSubmittedWith(ApplicationId applicationId) {
    return ((PromptDelegationTokenRenewer) resourceManager().getRMContext().getDelegationTokenRenewer())
        .submittedWith(applicationId);
  }

  ResourceManager resourceManager() {
    return yarn.getResourceManager();
  }

  @Override
  public void close() {
    try {
      yarn.stop();
    } finally {
      kdc.close();
    }
  }
}
