package io.lakefs.sts.hadoop;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.s3a.BindingConfs;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Clusters without Kerberos collect no tokens: S3A with the lakeFS binding then gets credentials straight
 * from the service with the configured lakeFS key (the proposal's baseline flow), so users configure lakeFS
 * credentials only. With neither a token nor a key, opening the filesystem fails saying what to set.
 */
public class LakeFSKeyOnlyTest {
  private static ServiceFixture fixture;

  @BeforeClass
  public static void start() throws Exception {
    fixture = ServiceFixture.startWithoutKerberos(null);
  }

  @AfterClass
  public static void stop() throws Exception {
    ServiceFixture.stop(fixture);
  }


  @Test
  public void lakeFSKeyAloneWritesAndReads() throws Exception {
    String key = ServiceFixture.REPO + "/data/key-only/part-0";
    fixture.assertWritesAndReadsAsAlice(UserGroupInformation.createRemoteUser("alice"), BindingConfs.driver(fixture),
        key);
  }

  @Test
  public void neitherTokenNorKeyFailsNamingTheKeysToSet() {
    UserGroupInformation user = UserGroupInformation.createRemoteUser("nobody");

    // S3A starts the binding as a Hadoop service, which wraps our IOException in a ServiceStateException.
    Exception e = assertThrows(Exception.class, () -> user.doAs(
        (java.security.PrivilegedExceptionAction<FileSystem>) () ->
            FileSystem.newInstance(fixture.path("").toUri(), BindingConfs.executor(fixture))));

    StringBuilder message = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      message.append(t).append('\n');
    }
    assertTrue(message.toString(), message.indexOf("fs.s3a.ext.lakefs.access.key") >= 0
        && message.indexOf("dtutil get lakefs://") >= 0);
  }

  @Test
  public void lakeFSFSKeysAreUsedWhenOursAreNotSet() throws Exception {
    Configuration conf = BindingConfs.executor(fixture);
    conf.set("fs.lakefs.access.key", ServiceFixture.ALICE_KEY);
    conf.set("fs.lakefs.secret.key", ServiceFixture.ALICE_SECRET);
    conf.set(LakeFSTokenKeys.REPOSITORIES, ServiceFixture.REPO);
    conf.set(LakeFSTokenKeys.ACCESS, "write");
    String key = ServiceFixture.REPO + "/data/lakefsfs-key/part-0";

    UserGroupInformation.createRemoteUser("alice").doAs((java.security.PrivilegedExceptionAction<Void>) () -> {
      try (FileSystem fs = FileSystem.newInstance(fixture.path("").toUri(), conf);
           OutputStream out = fs.create(fixture.path(key), true)) {
        out.write(1);
      }
      return null;
    });

    assertTrue(fixture.aws().accessLogLines().stream().anyMatch(line -> line.contains("\"key\":\"" + key + "\"")
        && line.contains("\"sourceIdentity\":\"alice\"")));
  }
}
