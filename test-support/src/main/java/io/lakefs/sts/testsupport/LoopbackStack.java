package io.lakefs.sts.testsupport;

import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a client of the credentials service reaches on loopback: local-aws (STS and S3), a lakeFS stand-in whose
 * repositories live in local-aws's bucket, and the real credentials service from its fat jar in a JVM of its own.
 * Started in that order; {@link #close()} stops them last first, and a start that fails stops what it had started.
 */
public final class LoopbackStack implements AutoCloseable {
  private final Path dir;
  private final LocalAwsProcess aws;
  private final LakeFSStandIn lakeFS;
  private final CredentialsServiceProcess service;
  private final Map<String, String> serviceSettings;
  private final List<String> serviceJvmOptions;

  private LoopbackStack(Path dir, LocalAwsProcess aws, LakeFSStandIn lakeFS, CredentialsServiceProcess service,
      Map<String, String> serviceSettings, List<String> serviceJvmOptions) {
    this.dir = dir;
    this.aws = aws;
    this.lakeFS = lakeFS;
    this.service = service;
    this.serviceSettings = serviceSettings;
    this.serviceJvmOptions = serviceJvmOptions;
  }

  /** A stack whose files (the service's configuration and output) go under {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** What differs between stacks; the lakeFS world is required. */
  public static final class Builder {
    private final Path dir;
    private Optional<Duration> stsLifetime = Optional.empty();
    private Function<String, LakeFSStandIn.Builder> lakeFS;
    private Function<String, Map<String, String>> serviceSettings = bucket -> Map.of();
    private List<String> serviceJvmOptions = List.of();

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** local-aws's STS credentials expire after this, whatever was asked; its default otherwise. */
    public Builder stsLifetime(Duration lifetime) {
      this.stsLifetime = Optional.of(lifetime);
      return this;
    }

    public Builder stsLifetime(Optional<Duration> lifetime) {
      this.stsLifetime = lifetime;
      return this;
    }

    /** The stand-in of {@code world}, as {@link AliceAndBob#standIn} builds it. */
    public Builder lakeFS(AliceAndBob world) {
      return lakeFS(world::standIn);
    }

    /** The stand-in {@code standIn} builds for local-aws's bucket. */
    public Builder lakeFS(Function<String, LakeFSStandIn.Builder> standIn) {
      this.lakeFS = standIn;
      return this;
    }

    /** {@code lakefs.sts.*} keys the service gets beside those naming the stack's lakeFS and local-aws. */
    public Builder serviceSettings(Map<String, String> settings) {
      Map<String, String> copy = Map.copyOf(settings);
      return serviceSettings(bucket -> copy);
    }

    /** Settings that name local-aws's bucket (e.g. a repository's extra locations), made once it is known. */
    public Builder serviceSettings(Function<String, Map<String, String>> ofBucket) {
      this.serviceSettings = ofBucket;
      return this;
    }

    /** Options of the service's JVM, e.g. {@code -Djava.security.krb5.conf=...}. */
    public Builder serviceJvmOptions(List<String> options) {
      this.serviceJvmOptions = List.copyOf(options);
      return this;
    }

    public LoopbackStack start() throws Exception {
      if (lakeFS == null) {
        throw new IllegalStateException("a loopback stack needs a lakeFS world: call lakeFS(...) before start()");
      }
      Files.createDirectories(dir);
      LocalAwsProcess.Builder awsBuilder = LocalAwsProcess.builder();
      stsLifetime.ifPresent(awsBuilder::sessionLifetime);
      LocalAwsProcess aws = awsBuilder.start();
      LakeFSStandIn standIn = null;
      try {
        standIn = lakeFS.apply(aws.bucket()).start();
        Map<String, String> settings = Map.copyOf(serviceSettings.apply(aws.bucket()));
        CredentialsServiceProcess service = startService(dir.resolve("service"), standIn, aws, settings,
            serviceJvmOptions);
        return new LoopbackStack(dir, aws, standIn, service, settings, serviceJvmOptions);
      } catch (Exception | Error e) {
        try {
          Closeables.closeAll(standIn, aws);
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
    }
  }

  private static CredentialsServiceProcess startService(Path dir, LakeFSStandIn lakeFS, LocalAwsProcess aws,
      Map<String, String> settings, List<String> jvmOptions) throws IOException, InterruptedException {
    return CredentialsServiceProcess.start(dir, lakeFS.endpoint(), aws, settings, jvmOptions);
  }

  public LocalAwsProcess aws() {
    return aws;
  }

  public LakeFSStandIn lakeFS() {
    return lakeFS;
  }

  public CredentialsServiceProcess service() {
    return service;
  }

  /** Where the stack's files go. */
  public Path dir() {
    return dir;
  }

  /**
   * What a user sets beside the examples' configuration file (-D) to reach this stack with {@code accessKeyId}, its
   * secret in the credential provider at {@code credentialProviderPath}: the service, the repository, lakeFS's login
   * endpoint and local-aws's S3; one attempt per call, so a test sees every failure.
   */
  public Map<String, String> exampleJobSettings(String repository, String accessKeyId, String credentialProviderPath) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.ext.lakefs.service.endpoints", service.endpoint().toString());
    settings.put("fs.s3a.ext.lakefs.repositories", repository);
    settings.put("fs.s3a.ext.lakefs.login.endpoint", lakeFS.endpoint().toString());
    settings.put("fs.s3a.ext.lakefs.access.key", accessKeyId);
    settings.put("fs.s3a.ext.lakefs.retry.attempts", "1");
    settings.put("hadoop.security.credential.provider.path", credentialProviderPath);
    settings.putAll(aws.s3aSettings());
    return settings;
  }

  /**
   * Another instance of the service, configured as the first, beside the same lakeFS and local-aws: for a test that
   * stops one. The caller closes it.
   */
  public CredentialsServiceProcess startAnotherService(Path serviceDir) throws IOException, InterruptedException {
    return startService(serviceDir, lakeFS, aws, serviceSettings, serviceJvmOptions);
  }

  @Override
  public void close() throws Exception {
    Closeables.closeAll(service, lakeFS, aws);
  }
}
