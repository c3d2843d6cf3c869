package io.lakefs.sts.testsupport.lakefs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stand-in's mutable part: the objects on each branch of each repository and the commits that froze
 * them. Each repository starts with its default branch on a first commit, as lakeFS creates it. Branches
 * hold committed and staged objects alike (lakeFS's reads see both); a commit snapshots the branch.
 * Thread-safe: every method holds the catalog's lock.
 */
final class StandInCatalog {
  /** A commit: its id, parent, who made it, when (epoch seconds) and the objects it froze. */
  record Commit(String id, Optional<String> parent, String committer, String message, long creationDate,
      NavigableMap<String, StandInObject> objects) {
    /** lakeFS's meta_range_id: the content address of the commit's tree; here a digest of its paths. */
    String metaRangeId() {
      return sha256(String.join("\n", objects.keySet()));
    }
  }

  private record Branch(String head, NavigableMap<String, StandInObject> objects, boolean dirty) {
  }

  private final Clock clock;
  private final Map<String, Map<String, Branch>> branches = new HashMap<>();
  private final Map<String, Map<String, Commit>> commits = new HashMap<>();

  StandInCatalog(List<StandInRepository> repositories, Clock clock) {
    this.clock = clock;
    for (StandInRepository repository : repositories) {
      Commit first = new Commit(sha256("first commit of " + repository.id()), Optional.empty(), "",
          "Repository created", repository.creationDate().getEpochSecond(), new TreeMap<>());
      commits.put(repository.id(), new HashMap<>(Map.of(first.id(), first)));
      branches.put(repository.id(),
          new HashMap<>(Map.of(repository.defaultBranch(), new Branch(first.id(), new TreeMap<>(), false))));
    }
  }

  synchronized boolean hasBranch(String repository, String branch) {
    return branches.getOrDefault(repository, Map.of()).containsKey(branch);
  }

  /** The commit a branch points at, if the branch exists. */
  synchronized Optional<Commit> head(String repository, String branch) {
    return Optional.ofNullable(branches.getOrDefault(repository, Map.of()).get(branch))
        .map(found -> commits.get(repository).get(found.head()));
  }

  /** The objects visible at a ref: a branch (staged and committed) or a commit id; empty when neither. */
  synchronized Optional<NavigableMap<String, StandInObject>> objectsAt(String repository, String ref) {
    Branch branch = branches.getOrDefault(repository, Map.of()).get(ref);
    if (branch != null) {
      return Optional.of(new TreeMap<>(branch.objects()));
    }
    return Optional.ofNullable(commits.getOrDefault(repository, Map.of()).get(ref))
        .map(commit -> new TreeMap<>(commit.objects()));
  }

  /** Stages the object on the branch, replacing any at its path; false if the branch does not exist. */
  synchronized boolean stage(String repository, String branch, StandInObject object) {
    Branch found = branches.getOrDefault(repository, Map.of()).get(branch);
    if (found == null) {
      return false;
    }
    NavigableMap<String, StandInObject> objects = new TreeMap<>(found.objects());
    objects.put(object.path(), object);
    branches.get(repository).put(branch, new Branch(found.head(), objects, true));
    return true;
  }

  /**
   * Commits what is staged on the branch. Empty if the branch does not exist; throws
   * {@link IllegalStateException} with lakeFS's "no changes" when nothing is staged.
   */
  synchronized Optional<Commit> commit(String repository, String branch, String committer, String message) {
    Branch found = branches.getOrDefault(repository, Map.of()).get(branch);
    if (found == null) {
      return Optional.empty();
    }
    if (!found.dirty()) {
      throw new IllegalStateException("no changes");
    }
    long now = clock.instant().getEpochSecond();
    Commit commit = new Commit(sha256(found.head() + "\n" + message + "\n" + now + "\n" + found.objects().keySet()),
        Optional.of(found.head()), committer, message, now, new TreeMap<>(found.objects()));
    commits.get(repository).put(commit.id(), commit);
    branches.get(repository).put(branch, new Branch(commit.id(), found.objects(), false));
    return Optional.of(commit);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
