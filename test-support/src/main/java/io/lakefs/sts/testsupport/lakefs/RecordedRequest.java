package io.lakefs.sts.testsupport.lakefs;

import java.util.Objects;
import java.util.Optional;

/**
 * One request the stand-in received and what it answered, for tests to assert what was called and as
 * whom. Never holds a secret.
 *
 * @param path the decoded path, without the query, e.g. {@code /api/v1/repositories/repo1}
 * @param accessKeyId the access key id the caller presented with HTTP Basic, right or wrong
 * @param user the id of the lakeFS user the caller authenticated as; empty for anonymous or rejected callers
 * @param status the HTTP status the stand-in answered (or would have, had the client waited)
 */
public record RecordedRequest(String method, String path, Optional<String> accessKeyId, Optional<String> user,
    int status) {
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(user, "user");
  }

  /** "GET /api/v1/user", for assertions that read like a request log. */
  public String line() {
    return method + " " + path;
  }
}
