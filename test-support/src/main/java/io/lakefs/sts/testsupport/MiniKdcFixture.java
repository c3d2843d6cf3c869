package io.lakefs.sts.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * A real KDC on loopback (Hadoop's MiniKdc, Apache Kerby) in a directory of its own, with keytabs for the
 * principals a test needs: the service's {@code HTTP/host}, users such as {@code alice}, the YARN RM's
 * {@code yarn/rm.example.com}. MiniKdc points the JVM's Kerberos at its krb5.conf for as long as it runs.
 *
 * <p>hadoop-minikdc is an optional dependency here, so the other fixtures do not bring Kerby along: a module
 * that uses this class declares {@code org.apache.hadoop:hadoop-minikdc} test-scoped itself (and has Hadoop).
 */
public final class MiniKdcFixture implements AutoCloseable {
  private final MiniKdc kdc;
  private final Path dir;

  private MiniKdcFixture(MiniKdc kdc, Path dir) {
    this.kdc = kdc;
    this.dir = dir;
  }

  /** Starts a KDC (realm {@code EXAMPLE.COM}, a free port) keeping its files under {@code dir}. */
  public static MiniKdcFixture start(Path dir) throws Exception {
    Path kdcDir = Files.createDirectories(dir.resolve("kdc"));
    MiniKdc kdc = new MiniKdc(MiniKdc.createConf(), kdcDir.toFile());
    kdc.start();
    return new MiniKdcFixture(kdc, dir);
  }

  public String realm() {
    return kdc.getRealm();
  }

  /** {@code name@REALM}, e.g. {@code alice@EXAMPLE.COM}. */
  public String principal(String name) {
    return name + "@" + realm();
  }

  /**
   * Creates the principals (names without realm, e.g. {@code HTTP/127.0.0.1}) with random keys and returns
   * the keytab holding them all, named {@code keytabName} in the fixture's directory.
   */
  public File keytab(String keytabName, String... principals) throws Exception {
    if (principals.length == 0) {
      throw new IllegalArgumentException("name at least one principal for keytab " + keytabName);
    }
    File keytab = dir.resolve(keytabName).toFile();
    kdc.createPrincipal(keytab, principals);
    return keytab;
  }

  /**
   * The credentials service's settings for Kerberos (SPNEGO beside lakeFS keys) with this KDC: its principal
   * {@code HTTP/127.0.0.1} in a keytab made here, and {@code nameRules} for mapping principals to users.
   */
  public Map<String, String> serviceSettings(String nameRules) throws Exception {
    File httpKeytab = keytab("http.keytab", "HTTP/127.0.0.1");
    return Map.of(
        "lakefs.sts.auth.schemes", "negotiate,basic",
        "lakefs.sts.kerberos.principal", "HTTP/_HOST@" + realm(),
        "lakefs.sts.kerberos.keytab", httpKeytab.getAbsolutePath(),
        "lakefs.sts.kerberos.name.rules", nameRules);
  }

  /**
   * Hadoop's Kerberos for this JVM: authentication {@code kerberos}, principals mapped to short names by
   * {@code nameRules} (auth_to_local). UGI is JVM-wide, so a service running in the same JVM reads the same rules.
   */
  public static void useInHadoop(String nameRules) {
    Configuration security = new Configuration(false);
    security.set(CommonConfigurationKeysPublic.HADOOP_SECURITY_AUTHENTICATION, "kerberos");
    security.set(CommonConfigurationKeysPublic.HADOOP_SECURITY_AUTH_TO_LOCAL, nameRules);
    UserGroupInformation.setConfiguration(security);
  }

  /** Logs {@code name} ({@code alice}, {@code yarn/rm.example.com}) in to Hadoop from a keytab made for it. */
  public UserGroupInformation login(String name) throws Exception {
    File keytab = keytab(name.replace('/', '_') + ".keytab", name);
    return UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal(name), keytab.getAbsolutePath());
  }

  @Override
  public void close() {
    kdc.stop();
  }
}
