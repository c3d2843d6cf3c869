package io.lakefs.sts.examples.mapreduce;

import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import java.io.IOException;
import java.util.StringTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Counts the words of the lakeFS objects under a prefix of a branch and writes {@code word<TAB>count} lines into
 * objects under another, the way lakeFSFS's simple mode reads and writes: tasks ask lakeFS (official SDK, with the
 * lakeFS login token in the job's {@code LAKEFS_STS} token) where each input object is and where to write their
 * output, move the bytes through S3A with the same token's STS credentials, and link what they wrote; nothing is
 * renamed or deleted ({@link LakeFSObjectInputFormat}, {@link LakeFSObjectOutputFormat}). lakeFSFS itself is not
 * in our registries, so this job does its data path by hand.
 *
 * <p>At submission the job obtains the {@code LAKEFS_STS} token with the submitter's lakeFS key or Kerberos login
 * (the {@code fs.s3a.ext.lakefs.*} keys, with {@code login.endpoint} set, e.g. from
 * {@code examples/conf/core-site-lakefs.xml}), renewable by the RM ({@code yarn.resourcemanager.principal}), and
 * puts it in the job's credentials, so tasks need no lakeFS or AWS secret; the submitter keeps it too, as a Spark
 * driver does, for the listing done at submission.
 *
 * <pre>hadoop jar examples.jar io.lakefs.sts.examples.mapreduce.WordCount -conf core-site-lakefs.xml REPOSITORY BRANCH INPUT_PREFIX OUTPUT_PREFIX</pre>
 */
public final class WordCount extends Configured implements Tool {
  /** YARN's key for the RM's principal, the renewer MapReduce names in the tokens it collects. */
  static final String RM_PRINCIPAL = "yarn.resourcemanager.principal";

  /** Emits (word, 1) for each whitespace-separated word of a line. */
  public static final class WordMapper extends Mapper<LongWritable, Text, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text word = new Text();

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
      StringTokenizer words = new StringTokenizer(line.toString());
      while (words.hasMoreTokens()) {
        word.set(words.nextToken());
        context.write(word, ONE);
      }
    }
  }

  /** Sums the counts of a word; also the combiner. */
  public static final class SumReducer extends Reducer<Text, LongWritable, Text, LongWritable> {
    private final LongWritable sum = new LongWritable();

    @Override
    protected void reduce(Text word, Iterable<LongWritable> counts, Context context)
        throws IOException, InterruptedException {
      long total = 0;
      for (LongWritable count : counts) {
        total += count.get();
      }
      sum.set(total);
      context.write(word, sum);
    }
  }

  /** The job, configured but not submitted: submission is where the job's token is obtained. */
  public static Job createJob(Configuration conf, String repository, String branch, String inputPrefix,
      String outputPrefix) throws IOException {
    Job job = Job.getInstance(conf, "lakeFS STS word count");
    job.setJarByClass(WordCount.class);
    LakeFSJobPaths.set(job.getConfiguration(), repository, branch, inputPrefix, outputPrefix);
    job.setInputFormatClass(LakeFSObjectInputFormat.class);
    job.setOutputFormatClass(LakeFSObjectOutputFormat.class);
    job.setMapperClass(WordMapper.class);
    job.setCombinerClass(SumReducer.class);
    job.setReducerClass(SumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    return job;
  }

  /**
   * Submits the job with a {@code LAKEFS_STS} token in its credentials (and the submitter's), and waits for it.
   * MapReduce's TokenCache would only ask file systems named by input and output paths, and this job names none.
   */
  public static boolean submitAndWait(Job job, boolean verbose) throws Exception {
    Configuration conf = job.getConfiguration();
    new LakeFSTokenIssuer(conf).addDelegationTokens(conf.getTrimmed(RM_PRINCIPAL, ""), job.getCredentials());
    UserGroupInformation.getCurrentUser().addCredentials(job.getCredentials());
    return job.waitForCompletion(verbose);
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("Usage: WordCount [-conf core-site-lakefs.xml] [-D key=value ...] REPOSITORY BRANCH"
          + " INPUT_PREFIX OUTPUT_PREFIX");
      return 2;
    }
    boolean succeeded = submitAndWait(createJob(getConf(), args[0], args[1], args[2], args[3]), true);
    System.out.println("WordCount " + (succeeded ? "succeeded" : "failed") + ": " + args[0] + "/" + args[1] + "/"
        + args[2] + " -> " + args[3]);
    return succeeded ? 0 : 1;
  }

  public static void main(String[] args) throws Exception {
    // ToolRunner takes Hadoop's generic options (-conf, -D, -libjars) before the paths.
    System.exit(ToolRunner.run(new Configuration(), new WordCount(), args));
  }
}
