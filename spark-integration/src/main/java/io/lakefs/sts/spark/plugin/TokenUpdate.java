package io.lakefs.sts.spark.plugin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.hadoop.security.Credentials;

/**
 * The driver's answer to a {@link TokenRequest}: the tokens in Hadoop's own token-storage format (what
 * {@code Credentials.writeTokenStorageToStream} writes, as Spark does when it pushes tokens) and when the
 * executor should ask again, as a delay so that the two machines' clocks need not agree. The bytes hold secrets, so {@link #toString()} shows neither them nor the tokens.
 */
final class TokenUpdate implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] tokenStorage;
  private final long askAgainAfterMillis;

  private TokenUpdate(byte[] tokenStorage, long askAgainAfterMillis) {
    this.tokenStorage = tokenStorage;
    this.askAgainAfterMillis = askAgainAfterMillis;
  }

  static TokenUpdate of(Credentials credentials, Duration askAgainAfter) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      credentials.writeTokenStorageToStream(out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialize lakeFS tokens for executors", e);
    }
    return new TokenUpdate(bytes.toByteArray(), askAgainAfter.toMillis());
  }

  Credentials credentials() throws IOException {
    Credentials credentials = new Credentials();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(tokenStorage))) {
      credentials.readTokenStorageStream(in);
    }
    return credentials;
  }

  Duration askAgainAfter() {
    return Duration.ofMillis(askAgainAfterMillis);
  }

  @Override
  public String toString() {
    return "TokenUpdate{" + tokenStorage.length + " bytes of tokens (redacted), askAgainAfter=" + askAgainAfter() + "}";
  }
}
