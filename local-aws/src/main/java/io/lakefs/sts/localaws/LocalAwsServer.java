package io.lakefs.sts.localaws;

import io.lakefs.sts.localaws.iam.AccessKeys;
import io.lakefs.sts.localaws.iam.PrincipalDirectory;
import io.lakefs.sts.localaws.s3.AccessLog;
import io.lakefs.sts.localaws.s3.S3Gateway;
import io.lakefs.sts.localaws.sts.StsFaults;
import io.lakefs.sts.localaws.sts.StsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The STS endpoint, the S3 gateway, and the S3Proxy storage back end behind it, started and stopped
 * together. The back end listens on loopback only and trusts the gateway: it is never handed to clients.
 */
public final class LocalAwsServer implements AutoCloseable {
  private final S3Proxy storage;
  private final S3Gateway s3;
  private final StsServer sts;
  private final AccessLog accessLog;
  private final String host;

  private LocalAwsServer(S3Proxy storage, S3Gateway s3, StsServer sts, AccessLog accessLog, String host) {
    this.storage = storage;
    this.s3 = s3;
    this.sts = sts;
    this.accessLog = accessLog;
    this.host = host;
  }

  /** What to start; ports may be 0 for any free port. */
  public record Options(String host, int stsPort, int s3Port, Optional<Path> accessLog, Optional<Path> dataDir,
      Optional<Duration> sessionLifetime) {
  }

  public static LocalAwsServer start(LocalAwsConfig config, Options options, Clock clock) throws Exception {
    BlobStore blobStore = options.dataDir().<BlobStore>map(dir -> new FilesystemNio2BlobStore(dir.toString()))
        .orElseGet(TransientNio2BlobStore::new);
    for (String bucket : config.buckets()) {
      if (!blobStore.containerExists(bucket)) {
        blobStore.createContainer(bucket);
      }
    }
    S3Proxy storage = S3Proxy.builder()
        .blobStore(blobStore)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.NONE, null, null)
        .build();
    storage.start();

    PrincipalDirectory principals = new PrincipalDirectory(config.users(), config.roles(), clock);
    AccessLog accessLog = options.accessLog().isPresent()
        ? AccessLog.toFile(options.accessLog().get()) : AccessLog.disabled();
    S3Gateway s3 = new S3Gateway(new InetSocketAddress(options.host(), options.s3Port()),
        URI.create("http://127.0.0.1:" + storage.getPort()), principals, accessLog, clock, config.region(),
        config.accountId());
    StsFaults faults = new StsFaults();
    options.sessionLifetime().ifPresent(faults::setSessionLifetime);
    StsServer sts = new StsServer(new InetSocketAddress(options.host(), options.stsPort()), principals, faults,
        clock, config.region(), new AccessKeys());
    s3.start();
    sts.start();
    return new LocalAwsServer(storage, s3, sts, accessLog, options.host());
  }

  public URI stsEndpoint() {
    return URI.create("http://" + host + ":" + sts.port());
  }

  public URI s3Endpoint() {
    return URI.create("http://" + host + ":" + s3.port());
  }

  @Override
  public void close() throws Exception {
    sts.close();
    s3.close();
    storage.stop();
    accessLog.close();
  }
}
