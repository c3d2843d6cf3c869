package io.lakefs.sts.service.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Lossless reduction: drops each grant (or location) that another one already covers, so the remaining set
 * allows exactly the same requests. Nothing is ever widened: a grant is only removed, never changed.
 */
final class CoveringGrants {
  private CoveringGrants() {}

  /** The grants not covered by another grant (same bucket, enclosing prefix, at least the same access), sorted. */
  static List<Grant> reduce(Collection<Grant> grants) {
    TreeSet<Grant> distinct = new TreeSet<>(grants);
    List<Grant> kept = new ArrayList<>();
    for (Grant grant : distinct) {
      if (distinct.stream().noneMatch(other -> !other.equals(grant) && other.covers(grant))) {
        kept.add(grant);
      }
    }
    return List.copyOf(kept);
  }

  /** The locations not covered by another location, sorted. */
  static List<StorageNamespace> reduceLocations(Collection<StorageNamespace> locations) {
    TreeSet<StorageNamespace> distinct = new TreeSet<>(locations);
    List<StorageNamespace> kept = new ArrayList<>();
    for (StorageNamespace location : distinct) {
      if (distinct.stream().noneMatch(other -> !other.equals(location) && other.covers(location))) {
        kept.add(location);
      }
    }
    return List.copyOf(kept);
  }
}
