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
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.ToolRunner;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A cluster without Kerberos collects no tokens at submission: the example job, run as a user would run it
 * ({@code -conf conf/core-site-lakefs.xml -D ...} through {@link ToolRunner}) on MapReduce's LocalJobRunner, reads
 * and writes {@code s3a://} with credentials its tasks get from the service with alice's lakeFS key (the binding's
 * no-token path), and S3 sees alice's STS session.
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
  public void wordCountReadsAndWritesS3AAsTheLakeFSUsersStsSession() throws Exception {
    UserGroupInformation alice = UserGroupInformation.createRemoteUser(MapReduceStack.USER);
    alice.doAs((PrivilegedExceptionAction<Void>) () -> {
      try (FileSystem fs = FileSystem.newInstance(stack.path("").toUri(), stack.jobConf())) {
        stack.write(fs, "wordcount/in/a.txt", "to be or not to be\n");
        stack.write(fs, "wordcount/in/b.txt", "that is the question\nto be\n");
      }
      return null;
    });
    List<String> args = new ArrayList<>(List.of("-conf", MapReduceStack.EXAMPLE_CONF.toString()));
    stack.overrides().forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
    args.addAll(List.of(stack.path("wordcount/in").toString(), stack.path("wordcount/out").toString()));

    int status = alice.doAs((PrivilegedExceptionAction<Integer>) () ->
        ToolRunner.run(new Configuration(), new WordCount(), args.toArray(String[]::new)));

    assertEquals(0, status);
    String counts = alice.doAs((PrivilegedExceptionAction<String>) () -> {
      try (FileSystem fs = FileSystem.newInstance(stack.path("").toUri(), stack.jobConf())) {
        return stack.read(fs, "wordcount/out/part-r-00000");
      }
    });
    assertEquals("be\t3\nis\t1\nnot\t1\nor\t1\nquestion\t1\nthat\t1\nthe\t1\nto\t3\n", counts);
    // Every request for the input and the output, the tasks' included, was made as alice's STS session.
    List<String> lines = stack.accessLogLinesUnder("wordcount/");
    assertTrue(lines.toString(), lines.stream().anyMatch(line -> line.contains("\"key\":\"repo1/wordcount/in/a.txt\"")
        && line.contains("GET")));
    assertTrue(lines.toString(), lines.stream().anyMatch(line -> line.contains("\"key\":\"repo1/wordcount/out/part-r-00000\"")));
    for (String line : lines) {
      assertTrue(line, line.contains("\"sessionName\":\"alice\"") && line.contains("\"sourceIdentity\":\"alice\""));
    }
    assertFalse("the lakeFS secret is in the service's output",
        stack.service.output().contains(MapReduceStack.SECRET_KEY));
  }
}
