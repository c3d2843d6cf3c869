package io.lakefs.sts.benchmarks;

import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.s3a.auth.MarshalledCredentials;
import org.apache.hadoop.fs.s3a.auth.delegation.EncryptionSecrets;
import org.apache.hadoop.fs.s3a.auth.delegation.SessionTokenIdentifier;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding and decoding a {@code LAKEFS_STS} identifier, which every executor and the YARN RM do for each
 * token. Baseline: S3A's own {@link SessionTokenIdentifier}, the closest identifier Hadoop ships (it also
 * embeds STS credentials), so the ratio is the price of what ours adds (lakeFS user, endpoints, service
 * token, scope, bounded reads).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenIdentifierBenchmark {
  private static final URI BUCKET = URI.create("s3a://lakefs-data");
  private static final String ACCESS_KEY = "ASIALOCALAWS00000001";
  private static final String SECRET = "x".repeat(40);
  // STS session tokens are several hundred bytes; use a realistic size so copying them is measured.
  private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjE".repeat(40);

  private final DataOutputBuffer out = new DataOutputBuffer();
  private final DataInputBuffer in = new DataInputBuffer();
  private byte[] lakeFSBytes;
  private byte[] s3aBytes;

  @Setup
  public void encodeOnce() throws IOException {
    lakeFSBytes = encode(lakeFSIdentifier());
    s3aBytes = encode(s3aIdentifier());
  }

  static LakeFSTokenIdentifier lakeFSIdentifier() {
    long now = System.currentTimeMillis();
    return LakeFSTokenIdentifier.builder()
        .owner("alice").renewer("yarn").uri(BUCKET).origin("benchmark")
        .maxDate(now + TimeUnit.DAYS.toMillis(7))
        .lakeFSUser("alice")
        .serviceEndpoints(List.of(URI.create("https://lakefs-sts-1.example.com:8765"),
            URI.create("https://lakefs-sts-2.example.com:8765")))
        .serviceToken(Secret.of("KAAFYWxpY2UEeWFybgCKAZfP".repeat(8)))
        .scope(List.of("s3://lakefs-data/sales/ write", "s3://lakefs-data/imports/sales/ read"))
        .credentials(new EmbeddedStsCredentials(ACCESS_KEY, Secret.of(SECRET),
            Secret.of(SESSION_TOKEN), now + TimeUnit.HOURS.toMillis(1)))
        .build();
  }

  static SessionTokenIdentifier s3aIdentifier() {
    MarshalledCredentials credentials = new MarshalledCredentials(ACCESS_KEY, SECRET, SESSION_TOKEN);
    credentials.setExpiration(System.currentTimeMillis() + TimeUnit.HOURS.toMillis(1));
    return new SessionTokenIdentifier(new Text("S3ADelegationToken/Session"), new Text("alice"), new Text("yarn"),
        BUCKET, credentials, new EncryptionSecrets(), "benchmark");
  }

  private byte[] encode(org.apache.hadoop.io.Writable identifier) throws IOException {
    out.reset();
    identifier.write(out);
    byte[] bytes = new byte[out.getLength()];
    System.arraycopy(out.getData(), 0, bytes, 0, bytes.length);
    return bytes;
  }

  @Benchmark
  public SessionTokenIdentifier baselineS3ASessionIdentifierDecode() throws IOException {
    SessionTokenIdentifier identifier = new SessionTokenIdentifier();
    in.reset(s3aBytes, s3aBytes.length);
    identifier.readFields(in);
    return identifier;
  }

  @Benchmark
  public LakeFSTokenIdentifier lakeFSIdentifierDecode() throws IOException {
    LakeFSTokenIdentifier identifier = new LakeFSTokenIdentifier();
    in.reset(lakeFSBytes, lakeFSBytes.length);
    identifier.readFields(in);
    return identifier;
  }
}
