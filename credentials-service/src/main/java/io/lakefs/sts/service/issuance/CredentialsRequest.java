package io.lakefs.sts.service.issuance;

import io.lakefs.sts.protocol.RefusalReason;
import io.lakefs.sts.protocol.ServiceApi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.service.scope.AccessLevel;
import java.util.List;

/**
 * The body of {@code POST /api/v1/credentials}: {@code {"repositories": ["repo1"], "access": "read"}}, both
 * optional; what is absent comes from the service's defaults.
 */
public record CredentialsRequest(List<String> repositories, AccessLevel access) {
  /** Larger bodies are refused: a request names repositories, not data. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The JSON as sent; unknown fields are refused so a typo does not silently fall back to a default. */
  private record Body(@JsonProperty(ServiceApi.REPOSITORIES) List<String> repositories,
      @JsonProperty(ServiceApi.ACCESS) String access) {
  }

  static CredentialsRequest parse(byte[] json, List<String> defaultRepositories, AccessLevel defaultAccess)
      throws Refusal {
    Body body = new Body(null, null);
    if (json.length > 0) {
      try {
        body = JSON.readValue(json, Body.class);
      } catch (JsonProcessingException e) {
        throw badRequest("the request body is not valid JSON of the form"
            + " {\"repositories\": [\"repo\"], \"access\": \"read\"|\"write\"}: " + e.getOriginalMessage());
      } catch (java.io.IOException e) {
        throw badRequest("cannot read the request body: " + e.getMessage());
      }
    }
    List<String> repositories = body == null || body.repositories() == null ? defaultRepositories : body.repositories();
    if (repositories.isEmpty()) {
      throw badRequest("name the lakeFS repositories the credentials are for, e.g."
          + " {\"repositories\": [\"my-repo\"]} (this service has no default repositories configured)");
    }
    if (repositories.stream().anyMatch(r -> r == null || r.isBlank())) {
      throw badRequest("\"repositories\" must list repository ids, without empty entries");
    }
    AccessLevel access;
    try {
      access = body == null || body.access() == null ? defaultAccess : AccessLevel.parse(body.access());
    } catch (IllegalArgumentException e) {
      throw badRequest("\"access\": " + e.getMessage());
    }
    return new CredentialsRequest(List.copyOf(repositories), access);
  }

  private static Refusal badRequest(String message) {
    return new Refusal(RefusalReason.BAD_REQUEST, message);
  }
}
