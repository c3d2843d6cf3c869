package io.lakefs.sts.hadoop.client;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

import static java.util.Objects.requireNonNull;

/** A lakeFS access key: id and secret, sent to the service as HTTP Basic. {@code toString()} shows the id only. */
public final class LakeFSAccessKey {
  private final String accessKeyId;
  private final Secret secretAccessKey;

  public LakeFSAccessKey(String accessKeyId, Secret secretAccessKey) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("a lakeFS key needs both an access key id and a secret; set both");
    }
    if (accessKeyId.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a lakeFS access key id cannot contain ':' (got " + accessKeyId
          + "); check that the id and the secret were not swapped or joined");
    }
  }

  /**
   * The key configured as {@code fs.s3a.ext.lakefs.access.key} / {@code .secret.key}, or else lakeFSFS's
   * {@code fs.lakefs.access.key} / {@code fs.lakefs.secret.key}; secrets through {@code Configuration.getPassword}.
   * Empty when neither id is set.
   */
  public static Optional<LakeFSAccessKey> fromConfiguration(Configuration conf) throws IOException {
    Optional<LakeFSAccessKey> ours = read(conf, LakeFSTokenKeys.ACCESS_KEY, LakeFSTokenKeys.SECRET_KEY);
    return ours.isPresent() ? ours : read(conf, LakeFSTokenKeys.LAKEFSFS_ACCESS_KEY, LakeFSTokenKeys.LAKEFSFS_SECRET_KEY);
  }

  private static Optional<LakeFSAccessKey> read(Configuration conf, String idKey, String secretKey) throws IOException {
    String id = conf.getTrimmed(idKey, "");
    if (id.isEmpty()) {
      return Optional.empty();
    }
    char[] secret = conf.getPassword(secretKey);
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException(idKey + " is set (" + id + ") but " + secretKey + " is not; set the "
          + "lakeFS secret there or in a credential provider (hadoop.security.credential.provider.path)");
    }
    return Optional.of(new LakeFSAccessKey(id, Secret.of(new String(secret))));
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  /** The secret, for lakeFS's login body; package-private so it only leaves through this package's clients. */
  Secret secretAccessKey() {
    return secretAccessKey;
  }

  /** {@code Basic base64(id:secret)}: the value of {@code Authorization} or {@code X-LakeFS-Authorization}. */
  String basicAuthorization() {
    return "Basic " + Base64.getEncoder().encodeToString(
        (accessKeyId + ":" + secretAccessKey.reveal()).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "lakeFS key " + accessKeyId;
  }
}
