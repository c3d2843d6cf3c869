package io.lakefs.sts.examples.mapreduce;

import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@link WordCount} over lakeFS objects, reading and writing the way lakeFSFS's simple mode does: tasks ask
 * lakeFS (official SDK, with the lakeFS login token in the job's {@code LAKEFS_STS} token) where each input
 * object is and where to write their output, move the bytes through S3A with the same token's STS credentials,
 * and link what they wrote; nothing is renamed or deleted ({@link LakeFSObjectInputFormat},
 * {@link LakeFSObjectOutputFormat}). At submission the job obtains the {@code LAKEFS_STS} token with the
 * submitter's lakeFS key or Kerberos login ({@code fs.s3a.ext.lakefs.*}, with {@code login.endpoint} set) and
 * puts it in the job's credentials, so tasks need no lakeFS or AWS secret; it also keeps it in the submitter's
 * own credentials, as a Spark driver does, for the listing done at submission.
 *
 * <pre>hadoop jar examples.jar io.lakefs.sts.examples.mapreduce.LakeFSWordCount -conf core-site-lakefs.xml REPOSITORY BRANCH INPUT_PREFIX OUTPUT_PREFIX</pre>
 */
public final class LakeFSWordCount extends Configured implements Tool {
  @Override
  public int run(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("Usage: LakeFSWordCount [-conf core-site-lakefs.xml] [-D key=value ...] REPOSITORY BRANCH"
          + " INPUT_PREFIX OUTPUT_PREFIX");
      return 2;
    }
    Job job = Job.getInstance(getConf(), "lakeFS STS lakeFSFS-style word count");
    job.setJarByClass(LakeFSWordCount.class);
    LakeFSJobPaths.set(job.getConfiguration(), args[0], args[1], args[2], args[3]);
    job.setInputFormatClass(LakeFSObjectInputFormat.class);
    job.setOutputFormatClass(LakeFSObjectOutputFormat.class);
    job.setMapperClass(WordCount.WordMapper.class);
    job.setCombinerClass(WordCount.SumReducer.class);
    job.setReducerClass(WordCount.SumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    new LakeFSTokenIssuer(getConf()).addDelegationTokens("", job.getCredentials());
    UserGroupInformation.getCurrentUser().addCredentials(job.getCredentials());
    boolean succeeded = job.waitForCompletion(true);
    System.out.println("LakeFSWordCount " + (succeeded ? "succeeded" : "failed") + ": " + args[0] + "/" + args[1]
        + "/" + args[2] + " -> " + args[3]);
    return succeeded ? 0 : 1;
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new LakeFSWordCount(), args));
  }
}
