package io.lakefs.sts.testsupport.lakefs;

import java.util.Map;
import java.util.Objects;

/**
 * An object lakeFS knows at some path of a branch or commit: where its bytes are (the physical address, a
 * full {@code s3://} URI), what lakeFS's {@code ObjectStats} tells about it.
 *
 * @param mtime seconds since the epoch
 */
public record StandInObject(String path, String physicalAddress, String checksum, long sizeBytes,
    String contentType, Map<String, String> metadata, long mtime) {
  public StandInObject {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(physicalAddress, "physicalAddress");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(contentType, "contentType");
    metadata = Map.copyOf(metadata);
  }
}
