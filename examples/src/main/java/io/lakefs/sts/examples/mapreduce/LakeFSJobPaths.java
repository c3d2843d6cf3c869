package io.lakefs.sts.examples.mapreduce;

import io.lakefs.sts.examples.lakefs.LakeFSObjects;
import java.io.IOException;
import java.time.Clock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.JobContext;

/**
 * Where {@link LakeFSWordCount} reads and writes in lakeFS, as job configuration (set at submission, read by the
 * input and output formats in tasks), and the lakeFS objects of a job or task: its own Hadoop credentials, which
 * hold the {@code LAKEFS_STS} token (YARN ships them with the job; LocalJobRunner hands them over too).
 */
final class LakeFSJobPaths {
  static final String REPOSITORY = "lakefs.example.repository";
  static final String BRANCH = "lakefs.example.branch";
  static final String INPUT_PREFIX = "lakefs.example.input.prefix";
  static final String OUTPUT_PREFIX = "lakefs.example.output.prefix";

  private LakeFSJobPaths() {
  }

  static void set(Configuration conf, String repository, String branch, String inputPrefix, String outputPrefix) {
    conf.set(REPOSITORY, repository);
    conf.set(BRANCH, branch);
    conf.set(INPUT_PREFIX, withSlash(inputPrefix));
    conf.set(OUTPUT_PREFIX, withSlash(outputPrefix));
  }

  static String get(Configuration conf, String key) {
    String value = conf.getTrimmed(key, "");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(key + " is not set; submit the job with WordCount");
    }
    return value;
  }

  static LakeFSObjects objects(JobContext context) throws IOException {
    return new LakeFSObjects(context.getConfiguration(), context::getCredentials, Clock.systemUTC());
  }

  private static String withSlash(String prefix) {
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }
}
