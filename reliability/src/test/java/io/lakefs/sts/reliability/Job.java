package io.lakefs.sts.reliability;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.s3a.LakeFSDelegationTokenBinding;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;

/**
 * A running job as Hadoop sees it: a driver obtains alice's {@code LAKEFS_STS} token (renewable by yarn), an
 * executor holding only that token writes and reads S3A objects in a loop, and the RM renews the token with
 * its own identity. Counts every S3 request that failed.
 */
final class Job implements AutoCloseable {
  private final Stack stack;
  private final List<URI> endpoints;
  private final Duration refreshMargin;
  private final Duration prefetch;
  private final Token<LakeFSTokenIdentifier> token;
  private final AtomicLong requests = new AtomicLong();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong written = new AtomicLong();
  private final UserGroupInformation ugi;
  private final String prefix;
  private final Thread executor;
  private volatile boolean stopping;

  private Job(Stack stack, List<URI> endpoints, Duration refreshMargin, Duration prefetch, String prefix)
      throws IOException {
    this.stack = stack;
    this.endpoints = endpoints;
    this.refreshMargin = refreshMargin;
    this.prefetch = prefetch;
    this.token = new LakeFSTokenIssuer(driverConf(stack, endpoints, refreshMargin, prefetch))
        .getDelegationToken(Users.YARN.id());
    this.ugi = UserGroupInformation.createRemoteUser(Users.ALICE.id());
    ugi.addToken(token.getService(), token);
    this.prefix = prefix;
    this.executor = new Thread(this::runExecutor, "reliability-executor");
  }

  /**
   * Obtains the token through {@code endpoints} (the token names them all; clients fail over in that order) and
   * starts the executor; credentials are given up {@code refreshMargin} and fetched {@code prefetch} before
   * they expire.
   */
  static Job start(Stack stack, List<URI> endpoints, Duration refreshMargin, Duration prefetch, String prefix)
      throws IOException {
    Job job = new Job(stack, endpoints, refreshMargin, prefetch, prefix);
    job.executor.start();
    return job;
  }

  Configuration executorConf() {
    return executorConf(stack, endpoints, refreshMargin, prefetch);
  }

  /** S3A as an executor has it: the lakeFS binding and the service's endpoints, no AWS or lakeFS key. */
  static Configuration executorConf(Stack stack, List<URI> endpoints, Duration refreshMargin, Duration prefetch) {
    Configuration conf = new Configuration();
    // No S3A retries among these: a request that fails once is counted as failed.
    stack.aws().s3aSettings().forEach(conf::set);
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    conf.set("fs.s3a.delegation.token.binding", LakeFSDelegationTokenBinding.class.getName());
    conf.set(LakeFSTokenKeys.SERVICE_ENDPOINTS, endpoints.stream().map(URI::toString).collect(Collectors.joining(",")));
    conf.set(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, Long.toString(refreshMargin.toSeconds()));
    conf.set(LakeFSTokenKeys.PREFETCH_SECONDS, Long.toString(prefetch.toSeconds()));
    conf.set(LakeFSTokenKeys.CONNECT_TIMEOUT_MILLIS, "2000");
    conf.set(LakeFSTokenKeys.READ_TIMEOUT_MILLIS, "5000");
    conf.set(LakeFSTokenKeys.RETRY_INITIAL_BACKOFF_MILLIS, "200");
    conf.set(LakeFSTokenKeys.RETRY_MAX_BACKOFF_MILLIS, "1000");
    return conf;
  }

  /** An executor's configuration plus alice's lakeFS key, repository and access: what her driver has. */
  static Configuration driverConf(Stack stack, List<URI> endpoints, Duration refreshMargin, Duration prefetch) {
    Configuration conf = executorConf(stack, endpoints, refreshMargin, prefetch);
    conf.set(LakeFSTokenKeys.ACCESS_KEY, Users.ALICE.accessKeyId());
    conf.set(LakeFSTokenKeys.SECRET_KEY, Users.ALICE.secret());
    conf.set(LakeFSTokenKeys.REPOSITORIES, Users.ALICE.repository());
    conf.set(LakeFSTokenKeys.ACCESS, "write");
    return conf;
  }

  /** The RM renews with its own identity (here yarn's lakeFS key: no Kerberos), as the token's renewer. */
  long renewAsRm() throws IOException, InterruptedException {
    Configuration rm = executorConf();
    rm.set(LakeFSTokenKeys.ACCESS_KEY, Users.YARN.accessKeyId());
    rm.set(LakeFSTokenKeys.SECRET_KEY, Users.YARN.secret());
    return token.renew(rm);
  }

  private Path root() {
    return new Path("s3a://" + stack.aws().bucket() + "/");
  }

  /** Under the namespace's data/, where lakeFS places new objects: the only place write credentials may put. */
  private Path directory() {
    return new Path(root(), Users.ALICE.repository() + "/data/" + prefix);
  }

  private void runExecutor() {
    try {
      ugi.doAs((PrivilegedExceptionAction<Void>) () -> {
        try (FileSystem fs = FileSystem.newInstance(root().toUri(), executorConf())) {
          for (long i = 0; !stopping; i++) {
            Path object = new Path(directory(), "part-" + i);
            byte[] data = object.toString().getBytes(StandardCharsets.UTF_8);
            write(fs, object, data);
            read(fs, object, data);
            Thread.sleep(100);
          }
        }
        return null;
      });
    } catch (Exception e) {
      failures.add("the executor stopped: " + e);
    }
  }

  private void write(FileSystem fs, Path object, byte[] data) {
    requests.incrementAndGet();
    try (OutputStream out = fs.create(object, true)) {
      out.write(data);
      out.close();
      written.incrementAndGet();
    } catch (IOException e) {
      failures.add("write " + object + ": " + e);
    }
  }

  private void read(FileSystem fs, Path object, byte[] data) {
    requests.incrementAndGet();
    try (InputStream in = fs.open(object)) {
      if (!Arrays.equals(data, in.readAllBytes())) {
        failures.add("read " + object + ": other bytes than were written");
      }
    } catch (IOException e) {
      failures.add("read " + object + ": " + e);
    }
  }

  /** S3 requests the executor made (each write and each read counts one). */
  long requests() {
    return requests.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Objects written successfully. */
  long written() {
    return written.get();
  }

  /** Objects found under the job's directory now, listed by a new filesystem holding the same token. */
  long listed() throws IOException, InterruptedException {
    return ugi.doAs((PrivilegedExceptionAction<Long>) () -> {
      try (FileSystem fs = FileSystem.newInstance(root().toUri(), executorConf())) {
        return (long) fs.listStatus(directory()).length;
      }
    });
  }

  /** The distinct temporary access key ids local-aws saw signing this job's requests: one per refresh. */
  long credentialsUsed() throws IOException {
    return stack.aws().accessLogLines().stream()
        .filter(line -> line.contains("\"key\":\"" + Users.ALICE.repository() + "/data/" + prefix + "/"))
        .map(line -> line.replaceAll(".*\"accessKeyId\":\"([^\"]+)\".*", "$1"))
        .distinct().count();
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    executor.join(Duration.ofSeconds(30).toMillis());
  }
}
