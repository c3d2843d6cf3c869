package io.lakefs.sts.service.scope;

import java.util.Optional;

/**
 * A lakeFS storage namespace that no STS credential can be scoped to; the message says why and what to do.
 * The service answers it as a client error: the repository, not the service, needs changing.
 */
public final class InvalidStorageNamespaceException extends IllegalArgumentException {
  private final String value;
  private final String repository;

  InvalidStorageNamespaceException(String value, String repository, String message) {
    super(message);
    this.value = value;
    this.repository = repository;
  }

  /** The storage namespace as it was given (may be null). */
  public String value() {
    return value;
  }

  /** The repository whose storage namespace it is, when known. */
  public Optional<String> repository() {
    return Optional.ofNullable(repository);
  }
}
