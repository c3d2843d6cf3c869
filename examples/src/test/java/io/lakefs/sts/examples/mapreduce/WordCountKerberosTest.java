package io.lakefs.sts.examples.mapreduce;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.examples.lakefs.LakeFSObjects;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A Kerberos cluster: submitting the example job as alice (a real KDC login) with security on obtains a
 * {@code LAKEFS_STS} token from the credentials service with her Kerberos login and lakeFS key, renewable by the
 * RM's principal and carrying her lakeFS login token; the job then runs on the LocalJobRunner, reading and
 * writing lakeFS objects the way lakeFSFS does, as alice's STS session.
 */
public class WordCountKerberosTest {
  private static final String NAME_RULES = "RULE:[2:$1@$0](yarn@.*)s/.*/yarn/\nDEFAULT";

  private static MiniKdcFixture kdc;
  private static MapReduceStack stack;
  private static UserGroupInformation alice;

  @BeforeClass
  public static void start() throws Exception {
    Path dir = Path.of("target", "wordcount-kerberos").toAbsolutePath();
    kdc = MiniKdcFixture.start(Files.createDirectories(dir.resolve("kdc")));
    File aliceKeytab = kdc.keytab("alice.keytab", MapReduceStack.USER);
    stack = MapReduceStack.start(dir, kdc.serviceSettings(NAME_RULES),
        List.of("-Djava.security.krb5.conf=" + System.getProperty("java.security.krb5.conf")));
    MiniKdcFixture.useInHadoop(NAME_RULES);
    // The login user, as after kinit: job submission checks its staging directory against it.
    UserGroupInformation.loginUserFromKeytab(kdc.principal(MapReduceStack.USER), aliceKeytab.getPath());
    alice = UserGroupInformation.getLoginUser();
  }

  @AfterClass
  public static void stop() throws Exception {
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      UserGroupInformation.reset();
      if (kdc != null) {
        kdc.close();
      }
    }
  }

  @Test
  public void submissionObtainsALakeFSTokenRenewableByTheRMAndTasksUseItsLoginAndCredentials() throws Exception {
    Configuration conf = stack.jobConf();
    conf.set("hadoop.security.authentication", "kerberos");
    conf.set("hadoop.security.auth_to_local", NAME_RULES);
    // The RM's principal: the renewer the job names, as MapReduce's TokenCache does.
    conf.set("yarn.resourcemanager.principal", "yarn/rm.example.com@" + kdc.realm());
    // Map only: with security on, the LocalJobRunner's shuffle reads map output through SecureIOUtils, which
    // needs Hadoop's native library ("Secure IO is not possible without native code extensions"); cluster nodes
    // have it, this test JVM does not. Submission, tokens and the tasks' lakeFS and S3 access are the same.
    conf.setInt("mapreduce.job.reduces", 0);
    LakeFSObjects objects = alice.doAs((PrivilegedExceptionAction<LakeFSObjects>) () -> stack.objects(conf));
    stack.write(objects, "kerberos/in/a.txt", "one lakeFS token\none job\n");
    Job job = alice.doAs((PrivilegedExceptionAction<Job>) () -> {
      Job submitted = WordCount.createJob(conf, MapReduceStack.REPOSITORY, MapReduceStack.BRANCH, "kerberos/in",
          "kerberos/out");
      WordCount.submitAndWait(submitted, false);
      return submitted;
    });

    assertTrue("the job failed: " + job.getStatus().getFailureInfo(), job.isSuccessful());
    Token<?> token = job.getCredentials().getAllTokens().stream()
        .filter(t -> TokenKinds.LAKEFS_STS.equals(t.getKind().toString())).findFirst()
        .orElseThrow(() -> new AssertionError("no LAKEFS_STS token among " + job.getCredentials().getAllTokens()));
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals(MapReduceStack.USER, identifier.getLakeFSUser());
    assertEquals(kdc.principal(MapReduceStack.USER), identifier.getOwner().toString());
    assertEquals("yarn", identifier.getRenewer().toString());
    assertEquals(stack.lakeFS.endpoint(), identifier.getLakeFSLogin().orElseThrow().lakeFSEndpoint());

    // Map output, unreduced: (word, 1) in input order.
    assertEquals("one\t1\nlakeFS\t1\ntoken\t1\none\t1\njob\t1\n", stack.read(objects, "kerberos/out/part-m-00000"));
    List<String> lines = stack.accessLogLinesUnderData();
    assertTrue("no S3 request wrote the output: " + lines, lines.stream().anyMatch(l -> l.contains("REST.PUT.OBJECT")));
    for (String line : lines) {
      assertTrue(line, line.contains("\"sessionName\":\"alice\""));
    }
    assertFalse(token.toString().contains(MapReduceStack.SECRET_KEY));
  }
}
