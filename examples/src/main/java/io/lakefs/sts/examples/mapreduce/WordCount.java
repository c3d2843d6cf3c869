package io.lakefs.sts.examples.mapreduce;

import java.io.IOException;
import java.util.StringTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Counts the words of text files under an {@code s3a://} path and writes {@code word<TAB>count} lines under
 * another. It names no lakeFS class: with S3A's lakeFS binding configured
 * ({@code fs.s3a.delegation.token.binding} and the {@code fs.s3a.ext.lakefs.*} keys, e.g. from
 * {@code examples/conf/core-site-lakefs.xml}), job submission on a Kerberos cluster collects a lakeFS STS token
 * for each bucket through MapReduce's {@code TokenCache}, and tasks on a cluster without Kerberos get
 * credentials with the configured lakeFS key.
 *
 * <pre>hadoop jar examples.jar io.lakefs.sts.examples.mapreduce.WordCount -conf core-site-lakefs.xml s3a://bucket/repo/in s3a://bucket/repo/out</pre>
 */
public final class WordCount extends Configured implements Tool {
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

  /** The job, configured but not submitted: submission is where tokens are collected. */
  public static Job createJob(Configuration conf, Path input, Path output) throws IOException {
    Job job = Job.getInstance(conf, "lakeFS STS word count");
    job.setJarByClass(WordCount.class);
    job.setMapperClass(WordMapper.class);
    job.setCombinerClass(SumReducer.class);
    job.setReducerClass(SumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    FileInputFormat.addInputPath(job, input);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length != 2 || !args[0].startsWith("s3a://") || !args[1].startsWith("s3a://")) {
      System.err.println("Usage: WordCount [-conf core-site-lakefs.xml] [-D key=value ...] s3a://bucket/input"
          + " s3a://bucket/output (the output must not exist yet)");
      return 2;
    }
    Job job = createJob(getConf(), new Path(args[0]), new Path(args[1]));
    boolean succeeded = job.waitForCompletion(true);
    System.out.println("WordCount " + (succeeded ? "succeeded" : "failed") + ": " + args[0] + " -> " + args[1]);
    return succeeded ? 0 : 1;
  }

  public static void main(String[] args) throws Exception {
    // ToolRunner takes Hadoop's generic options (-conf, -D, -libjars) before the paths.
    System.exit(ToolRunner.run(new Configuration(), new WordCount(), args));
  }
}
