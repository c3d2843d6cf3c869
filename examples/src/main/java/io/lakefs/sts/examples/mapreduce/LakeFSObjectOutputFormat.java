package io.lakefs.sts.examples.mapreduce;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.OutputFormat;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskType;

/**
 * {@code key<TAB>value} lines into one lakeFS object per task, {@code <output prefix>part-r-NNNNN} ({@code part-m-}
 * for map-only jobs): written at the
 * address lakeFS hands out and linked when the task closes it. Nothing is renamed: the committer does nothing,
 * since linking is what makes an object visible on the branch (a lakeFS commit then publishes it); a retried
 * attempt links its own object over the failed one's.
 */
public final class LakeFSObjectOutputFormat<K, V> extends OutputFormat<K, V> {
  @Override
  public RecordWriter<K, V> getRecordWriter(TaskAttemptContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    String path = LakeFSJobPaths.get(conf, LakeFSJobPaths.OUTPUT_PREFIX)
        + String.format("part-%s-%05d", context.getTaskAttemptID().getTaskType() == TaskType.MAP ? "m" : "r",
            context.getTaskAttemptID().getTaskID().getId());
    OutputStream out = LakeFSJobPaths.objects(context).create(LakeFSJobPaths.get(conf, LakeFSJobPaths.REPOSITORY),
        LakeFSJobPaths.get(conf, LakeFSJobPaths.BRANCH), path);
    return new RecordWriter<>() {
      @Override
      public void write(K key, V value) throws IOException {
        out.write((key + "\t" + value + "\n").getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public void close(TaskAttemptContext ignored) throws IOException {
        out.close();
      }
    };
  }

  @Override
  public void checkOutputSpecs(JobContext context) {
    LakeFSJobPaths.get(context.getConfiguration(), LakeFSJobPaths.OUTPUT_PREFIX);
  }

  @Override
  public OutputCommitter getOutputCommitter(TaskAttemptContext context) {
    return new OutputCommitter() {
      @Override
      public void setupJob(JobContext jobContext) {
      }

      @Override
      public void setupTask(TaskAttemptContext taskContext) {
      }

      @Override
      public boolean needsTaskCommit(TaskAttemptContext taskContext) {
        return false;
      }

      @Override
      public void commitTask(TaskAttemptContext taskContext) {
      }

      @Override
      public void abortTask(TaskAttemptContext taskContext) {
      }
    };
  }
}
