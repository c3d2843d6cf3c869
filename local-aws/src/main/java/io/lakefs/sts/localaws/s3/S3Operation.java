package io.lakefs.sts.localaws.s3;

import java.util.List;
import java.util.Objects;

/**
 * What an S3 request does, named as S3 server access logs name it, and every permission it needs: all
 * of them must be allowed for the request to go ahead.
 *
 * @param name e.g. REST.GET.OBJECT, REST.PUT.PART, REST.GET.BUCKET, BATCH.DELETE.OBJECT
 * @param bucket null only for ListBuckets
 * @param key null for service and bucket operations (DeleteObjects included: its keys are in the body)
 */
public record S3Operation(String name, String bucket, String key, List<S3Permission> permissions) {
  public S3Operation {
    Objects.requireNonNull(name, "name");
    permissions = List.copyOf(permissions);
    // An operation that needed nothing would be allowed to every caller: never build one.
    if (permissions.isEmpty()) {
      throw new IllegalArgumentException("S3 operation " + name + " must need at least one permission");
    }
  }
}
