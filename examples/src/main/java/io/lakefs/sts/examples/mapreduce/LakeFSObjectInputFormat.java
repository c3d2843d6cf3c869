package io.lakefs.sts.examples.mapreduce;

import io.lakefs.sts.examples.lakefs.LakeFSObjects;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.util.LineReader;

/**
 * The lines of the lakeFS objects under the job's input prefix: one split per object, listed in lakeFS at
 * submission; each task asks lakeFS where its object is ({@code statObject}) and reads it through S3A.
 */
public final class LakeFSObjectInputFormat extends InputFormat<LongWritable, Text> {
  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    List<InputSplit> splits = new ArrayList<>();
    for (String path : LakeFSJobPaths.objects(context).list(LakeFSJobPaths.get(conf, LakeFSJobPaths.REPOSITORY),
        LakeFSJobPaths.get(conf, LakeFSJobPaths.BRANCH), LakeFSJobPaths.get(conf, LakeFSJobPaths.INPUT_PREFIX))) {
      splits.add(new ObjectSplit(path));
    }
    return splits;
  }

  @Override
  public RecordReader<LongWritable, Text> createRecordReader(InputSplit split, TaskAttemptContext context) {
    return new Lines();
  }

  /** One lakeFS object, by path. */
  public static final class ObjectSplit extends InputSplit implements Writable {
    private String path = "";

    /** For Hadoop's deserialization. */
    public ObjectSplit() {
    }

    ObjectSplit(String path) {
      this.path = path;
    }

    String path() {
      return path;
    }

    @Override
    public long getLength() {
      return 0;
    }

    @Override
    public String[] getLocations() {
      return new String[0];
    }

    @Override
    public void write(DataOutput out) throws IOException {
      Text.writeString(out, path);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
      path = Text.readString(in, 64 * 1024);
    }

    @Override
    public String toString() {
      return "lakeFS object " + path;
    }
  }

  /** Lines of one object, keyed by their byte offset. */
  private static final class Lines extends RecordReader<LongWritable, Text> {
    private final LongWritable offset = new LongWritable();
    private final Text line = new Text();
    private InputStream in;
    private LineReader reader;
    private long position;

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
      Configuration conf = context.getConfiguration();
      LakeFSObjects objects = LakeFSJobPaths.objects(context);
      in = objects.open(LakeFSJobPaths.get(conf, LakeFSJobPaths.REPOSITORY),
          LakeFSJobPaths.get(conf, LakeFSJobPaths.BRANCH), ((ObjectSplit) split).path());
      reader = new LineReader(in, conf);
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      offset.set(position);
      int read = reader.readLine(line);
      position += read;
      return read > 0;
    }

    @Override
    public LongWritable getCurrentKey() {
      return offset;
    }

    @Override
    public Text getCurrentValue() {
      return line;
    }

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }
}
