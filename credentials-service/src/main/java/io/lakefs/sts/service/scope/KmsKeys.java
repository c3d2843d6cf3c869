package io.lakefs.sts.service.scope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KMS keys objects are encrypted with (SSE-KMS), per bucket or per repository, as an administrator
 * configures them: AWS intersects the role's policy with the session policy, so a credential whose session
 * policy does not name the key cannot read or write those objects even when the role may use the key. A
 * repository's key applies to its namespace; a bucket's to every location in it that has no repository key.
 */
public final class KmsKeys {
  private final Map<String, String> byBucket;
  private final Map<String, String> byRepository;

  public KmsKeys(Map<String, String> byBucket, Map<String, String> byRepository) {
    this.byBucket = Map.copyOf(byBucket);
    this.byRepository = Map.copyOf(byRepository);
  }

  public static KmsKeys none() {
    return new KmsKeys(Map.of(), Map.of());
  }

  /** The grants, each with its location's key when one is configured. */
  public List<Grant> withKeys(ResolvedScope scope, List<Grant> grants) {
    Map<StorageNamespace, String> namespaceKeys = new HashMap<>();
    for (String repository : scope.repositories()) {
      Optional.ofNullable(byRepository.get(repository))
          .ifPresent(key -> namespaceKeys.put(scope.namespace(repository), key));
    }
    List<Grant> keyed = new ArrayList<>(grants.size());
    for (Grant grant : grants) {
      Optional<String> key = Optional.ofNullable(namespaceKeys.get(grant.location()))
          .or(() -> Optional.ofNullable(byBucket.get(grant.location().bucket())));
      keyed.add(key.map(grant::withKmsKey).orElse(grant));
    }
    return keyed;
  }
}
