package io.lakefs.sts.service.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakefs.sts.service.scope.AccessLevel;
import java.util.List;

/**
 * The body of {@code POST /api/v1/credentials}: {@code {"repositories": ["repo1"], "access": "read"}}, both
 * optional; what is absent comes from the service's defaults.
 */
record CredentialsRequest(List<String> repositories, AccessLevel access) {
  /** Larger bodies are refused: a request names repositories, not data. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** The JSON as sent; unknown fields are refused so a typo does not silently fall back to a default. */
  private record Body(@JsonProperty("repositories") List<String> repositories, @JsonProperty("access") String access) {
  }

  static CredentialsRequest parse(byte[] json, List<String> defaultRepositories, AccessLevel defaultAccess)
      throws BadRequestException {
    Body body = new Body(null, null);
    if (json.length > 0) {
      try {
        body = Json.MAPPER.readValue(json, Body.class);
      } catch (JsonProcessingException e) {
        throw new BadRequestException("the request body is not valid JSON of the form"
            + " {\"repositories\": [\"repo\"], \"access\": \"read\"|\"write\"}: " + e.getOriginalMessage());
      } catch (java.io.IOException e) {
        throw new BadRequestException("cannot read the request body: " + e.getMessage());
      }
    }
    List<String> repositories = body == null || body.repositories() == null ? defaultRepositories : body.repositories();
    if (repositories.isEmpty()) {
      throw new BadRequestException("name the lakeFS repositories the credentials are for, e.g."
          + " {\"repositories\": [\"my-repo\"]} (this service has no default repositories configured)");
    }
    if (repositories.stream().anyMatch(r -> r == null || r.isBlank())) {
      throw new BadRequestException("\"repositories\" must list repository ids, without empty entries");
    }
    AccessLevel access;
    try {
      access = body == null || body.access() == null ? defaultAccess : AccessLevel.parse(body.access());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("\"access\": " + e.getMessage());
    }
    return new CredentialsRequest(List.copyOf(repositories), access);
  }

  /** A request the service cannot act on, with what to change. */
  static final class BadRequestException extends Exception {
    BadRequestException(String message) {
      super(message);
    }
  }
}
