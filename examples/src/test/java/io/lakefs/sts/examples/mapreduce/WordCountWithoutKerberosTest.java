package io.lakefs.sts.examples.mapreduce;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import io.lakefs.sts.examples.lakefs.LakeFSObjects;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import java.util.Optional;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.ToolRunner;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A cluster without Kerberos, where MapReduce collects no tokens: the example job, run as a user would run it
 * ({@code -conf conf/core-site-lakefs.xml -D ...} through {@link ToolRunner}) on MapReduce's LocalJobRunner,
 * obtains a {@code LAKEFS_STS} token with alice's lakeFS key at submission; its tasks count the words of lakeFS
 * objects and link their output the way lakeFSFS does, lakeFS seeing alice's login token and S3 her STS session.
 */
public class WordCountWithoutKerberosTest {
  private static MapReduceStack stack;

  @BeforeClass
  public static void start() throws Exception {
    UserGroupInformation.reset();
    Configuration simple = new Configuration(false);
    simple.set("hadoop.security.authentication", "simple");
    UserGroupInformation.setConfiguration(simple);
    stack = MapReduceStack.start(Path.of("target", "wordcount-simple").toAbsolutePath(), Map.of(), List.of());
  }

  @AfterClass
  public static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
    UserGroupInformation.reset();
  }

  @Test
  public void wordCountReadsAndWritesLakeFSObjectsAsTheLakeFSUserWithTheTokensLoginAndStsSession() throws Exception {
    LakeFSObjects objects = stack.objects(stack.jobConf());
    stack.write(objects, "wordcount/in/a.txt", "to be or not to be\n");
    stack.write(objects, "wordcount/in/b.txt", "that is the question\nto be\n");
    stack.lakeFS.clearRequests();
    List<String> args = new ArrayList<>(List.of("-conf", MapReduceStack.EXAMPLE_CONF.toString()));
    stack.overrides().forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
    args.addAll(List.of(MapReduceStack.REPOSITORY, MapReduceStack.BRANCH, "wordcount/in", "wordcount/out"));
    UserGroupInformation alice = UserGroupInformation.createRemoteUser(MapReduceStack.USER);

    int status = alice.doAs((PrivilegedExceptionAction<Integer>) () ->
        ToolRunner.run(new Configuration(), new WordCount(), args.toArray(String[]::new)));

    assertEquals(0, status);
    assertEquals("be\t3\nis\t1\nnot\t1\nor\t1\nquestion\t1\nthat\t1\nthe\t1\nto\t3\n",
        stack.read(objects, "wordcount/out/part-r-00000"));
    // The job's lakeFS calls (list at submission; stat, staging and link in tasks) carried the token's login
    // token, no lakeFS key, and lakeFS took them as alice. The only calls with a key are the service's own check,
    // before it grants write, that lakeFS lets alice write (a GET of a staging address).
    List<RecordedRequest> calls = stack.dataPathCalls();
    assertTrue(calls.toString(), calls.stream().anyMatch(r -> r.line().endsWith("/staging/backing")
        && r.method().equals("PUT") && r.accessKeyId().isEmpty()));
    for (RecordedRequest call : calls) {
      assertTrue(call.toString(), call.user().equals(Optional.of("alice")) && call.status() / 100 == 2
          && (call.accessKeyId().isEmpty() || call.line().endsWith("/staging/backing") && call.method().equals("GET")));
    }
    // Every S3 request, the tasks' included, went to where lakeFS places objects, as alice's STS session.
    List<String> lines = stack.accessLogLinesUnderData();
    assertTrue(lines.toString(), lines.stream().anyMatch(line -> line.contains("REST.PUT.OBJECT")));
    assertTrue(lines.toString(), lines.stream().anyMatch(line -> line.contains("REST.GET.OBJECT")));
    for (String line : lines) {
      assertTrue(line, line.contains("\"sessionName\":\"alice\"") && line.contains("\"sourceIdentity\":\"alice\""));
      assertFalse(line, line.contains("DELETE"));
    }
    assertFalse("the lakeFS secret is in the service's output",
        stack.service.output().contains(MapReduceStack.SECRET_KEY));
  }
}
