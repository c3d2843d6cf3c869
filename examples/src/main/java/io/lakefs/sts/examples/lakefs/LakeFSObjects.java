package io.lakefs.sts.examples.lakefs;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.ObjectsApi;
import io.lakefs.clients.sdk.StagingApi;
import io.lakefs.clients.sdk.model.ObjectStats;
import io.lakefs.clients.sdk.model.ObjectStatsList;
import io.lakefs.clients.sdk.model.StagingLocation;
import io.lakefs.clients.sdk.model.StagingMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;

import static java.util.Objects.requireNonNull;

/**
 * Objects in a lakeFS repository, written and read the way lakeFSFS's simple mode
 * ({@code fs.lakefs.access.mode=simple}, {@code SimpleStorageAccessStrategy}) does, which we cannot run
 * ({@code io.lakefs:hadoop-lakefs-assembly} is not in our registries):
 * <ul>
 *   <li>metadata through the official lakeFS Java SDK ({@code io.lakefs:sdk}) as the user, authenticated with
 *       the lakeFS login token carried in the {@code LAKEFS_STS} token ({@link BearerFromLakeFSToken}), so no
 *       lakeFS key is needed where this runs;</li>
 *   <li>bytes through S3A ({@code physicalPath.getFileSystem(conf)}, the job's configuration: S3A's lakeFS
 *       binding and the same token), at the physical address lakeFS hands out under {@code <namespace>/data/};</li>
 *   <li>a write asks lakeFS for a physical address ({@code getPhysicalAddress}), writes the object there once,
 *       and links it ({@code linkPhysicalAddress} with its ETag and size); no rename, no delete, nothing under
 *       {@code _lakefs/}; a read asks for the object's address ({@code statObject}) and opens it.</li>
 * </ul>
 * Not thread-safe beyond what the SDK and S3A are; one per task is cheap.
 */
public final class LakeFSObjects {
  private final ObjectsApi objects;
  private final StagingApi staging;
  private final Configuration conf;
  private final URI lakeFSEndpoint;

  /**
   * @param conf the job's configuration, for S3A
   * @param credentials the Hadoop credentials holding the {@code LAKEFS_STS} token, read at each lakeFS call
   *     (Spark: the current user's; MapReduce tasks: the task context's)
   */
  public LakeFSObjects(Configuration conf, Supplier<Credentials> credentials, Clock clock) throws IOException {
    this.conf = requireNonNull(conf, "conf");
    BearerFromLakeFSToken bearer = new BearerFromLakeFSToken(credentials, clock);
    this.lakeFSEndpoint = bearer.current().lakeFSEndpoint();
    ApiClient api = new ApiClient(new OkHttpClient.Builder().addInterceptor(bearer).build());
    api.setBasePath(lakeFSEndpoint.toString());
    this.objects = new ObjectsApi(api);
    this.staging = new StagingApi(api);
  }

  /**
   * A stream whose bytes become the object at {@code path} on {@code branch} when it is closed: lakeFS gives a
   * physical address, S3A writes the object there, and closing links it.
   */
  public OutputStream create(String repository, String branch, String path) throws IOException {
    StagingLocation location = call("get a physical address for", repository, branch, path,
        () -> staging.getPhysicalAddress(repository, branch, path).presign(false).execute());
    Path physical = s3aPath(location.getPhysicalAddress(), repository, path);
    FileSystem fs = physical.getFileSystem(conf);
    return new LinkOnClose(fs.create(physical, false), () -> {
      FileStatus written = fs.getFileStatus(physical);
      if (!(written instanceof EtagSource etag) || etag.getEtag() == null) {
        throw new IOException("S3A reported no ETag for " + physical + "; lakeFS needs it as the checksum to link "
            + repository + "/" + branch + "/" + path);
      }
      StagingMetadata metadata = new StagingMetadata().staging(location).checksum(etag.getEtag())
          .sizeBytes(written.getLen());
      call("link", repository, branch, path,
          () -> staging.linkPhysicalAddress(repository, branch, path, metadata).execute());
    });
  }

  /** The bytes of the object at {@code path} on {@code ref}, read from where lakeFS says they are. */
  public InputStream open(String repository, String ref, String path) throws IOException {
    ObjectStats stats = call("stat", repository, ref, path,
        () -> objects.statObject(repository, ref, path).presign(false).execute());
    Path physical = s3aPath(stats.getPhysicalAddress(), repository, path);
    return physical.getFileSystem(conf).open(physical);
  }

  /** The paths of the objects under {@code prefix} on {@code ref}, in lakeFS's order, every page. */
  public List<String> list(String repository, String ref, String prefix) throws IOException {
    List<String> paths = new ArrayList<>();
    String after = "";
    while (true) {
      String from = after;
      ObjectStatsList page = call("list", repository, ref, prefix,
          () -> objects.listObjects(repository, ref).prefix(prefix).after(from).presign(false).execute());
      page.getResults().forEach(stats -> paths.add(stats.getPath()));
      if (page.getPagination() == null || !Boolean.TRUE.equals(page.getPagination().getHasMore())) {
        return paths;
      }
      after = page.getPagination().getNextOffset();
    }
  }

  /**
   * lakeFSFS's simple mode opens {@code s3://} addresses with S3A ({@code s3a://}, same bucket and key); any other
   * store needs its presigned mode, which this example does not do.
   */
  private static Path s3aPath(String physicalAddress, String repository, String path) throws IOException {
    if (physicalAddress == null || !physicalAddress.startsWith("s3://")) {
      throw new IOException("lakeFS placed " + repository + "/" + path + " at " + physicalAddress
          + ", not on S3: only s3:// storage namespaces are reached through S3A");
    }
    return new Path("s3a://" + physicalAddress.substring("s3://".length()));
  }

  private interface LakeFSCall<T> {
    T run() throws ApiException;
  }

  private <T> T call(String what, String repository, String ref, String path, LakeFSCall<T> call)
      throws IOException {
    try {
      return call.run();
    } catch (ApiException e) {
      String object = repository + "/" + ref + "/" + path;
      if (e.getCode() == 0) {
        // No answer: the cause is the connection's failure or BearerFromLakeFSToken's refusal, both secret-free.
        throw new IOException("could not " + what + " " + object + " at lakeFS " + lakeFSEndpoint + ": "
            + e.getMessage(), e);
      }
      // lakeFS's {"message"} body; the request's Authorization header is never part of the exception.
      throw new IOException("lakeFS at " + lakeFSEndpoint + " refused to " + what + " " + object + " (HTTP "
          + e.getCode() + "): " + e.getResponseBody());
    }
  }

  /** Writes through to S3A; on the first close, after S3A completed the upload, links the object. */
  private static final class LinkOnClose extends OutputStream {
    private interface Link {
      void run() throws IOException;
    }

    private final OutputStream out;
    private final Link link;
    private boolean closed;

    LinkOnClose(OutputStream out, Link link) {
      this.out = out;
      this.link = link;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      out.close();
      link.run();
    }
  }
}
