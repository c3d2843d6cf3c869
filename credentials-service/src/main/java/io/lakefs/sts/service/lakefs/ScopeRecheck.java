package io.lakefs.sts.service.lakefs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a token's scope still holds in lakeFS, asked at each credentials refresh made with the token, so
 * that a permission withdrawn in lakeFS stops a running job's refreshes within the directory's cache time to
 * live instead of at the token's end (a day, up to a week with renewals). It reads, with the service's key,
 * that the owner still exists and that its effective policies still grant every repository of the scope at the
 * scope's level. Against a lakeFS without RBAC (Community), which shows no policies, only the owner's existence
 * can be re-checked; the scope stays what lakeFS allowed when the token was issued.
 */
public final class ScopeRecheck {
  /** What a re-check found. */
  public sealed interface Outcome permits Holds, Withdrawn, LakeFSDown {
  }

  /** The scope still holds (for a lakeFS without RBAC: the owner still exists). */
  public record Holds() implements Outcome {
  }

  /** lakeFS no longer grants the scope; the message says what was withdrawn, and what to do. */
  public record Withdrawn(String message) implements Outcome {
  }

  /**
   * lakeFS could not be asked: no new credentials may be granted on the token's strength until it answers,
   * but credentials issued before stay valid until they expire.
   */
  public record LakeFSDown(String message) implements Outcome {
  }

  private static final String WITHDRAWN = "the scope of this token was withdrawn in lakeFS: ";
  private static final String WHAT_NOW = "; no new credentials are issued for this token; credentials issued"
      + " before last until they expire. Obtain a new token for what lakeFS grants now";

  private final LakeFSPolicyDirectory directory;

  public ScopeRecheck(LakeFSPolicyDirectory directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * @param owner the lakeFS user the token was issued to
   * @param repositories the token's repositories
   * @param beyondRead the permission the token's access level needs beyond reading, if any
   */
  public Outcome check(String owner, List<String> repositories, Optional<RepositoryPermission> beyondRead) {
    UserPermissions permissions;
    try {
      permissions = directory.permissions(owner);
    } catch (LakeFSUserNotFoundException e) {
      return new Withdrawn(WITHDRAWN + "lakeFS has no user " + MessageText.of(owner) + " any more" + WHAT_NOW);
    } catch (LakeFSWithoutRbacException e) {
      return ownerStillExists(owner);
    } catch (LakeFSUnavailableException e) {
      return down(e);
    }
    for (String repository : repositories) {
      if (!permissions.mayRead(repository)) {
        return new Withdrawn(WITHDRAWN + "lakeFS user " + MessageText.of(owner) + " may no longer read repository "
            + repository + " (fs:ReadRepository)" + WHAT_NOW);
      }
      if (beyondRead.isPresent() && !permissions.may(repository, beyondRead.get())) {
        return new Withdrawn(WITHDRAWN + "lakeFS user " + MessageText.of(owner) + " may no longer "
            + beyondRead.get().description() + " repository " + repository + " (" + beyondRead.get().action() + ")"
            + WHAT_NOW);
      }
    }
    return new Holds();
  }

  private Outcome ownerStillExists(String owner) {
    try {
      directory.user(owner);
      return new Holds();
    } catch (LakeFSUserNotFoundException e) {
      return new Withdrawn(WITHDRAWN + "lakeFS has no user " + MessageText.of(owner) + " any more" + WHAT_NOW);
    } catch (LakeFSUnavailableException e) {
      return down(e);
    }
  }

  private static LakeFSDown down(LakeFSUnavailableException e) {
    return new LakeFSDown("this token's scope could not be re-checked in lakeFS (" + e.getMessage() + "); no new"
        + " credentials are issued for it until lakeFS answers, and credentials issued before last until they"
        + " expire");
  }
}
