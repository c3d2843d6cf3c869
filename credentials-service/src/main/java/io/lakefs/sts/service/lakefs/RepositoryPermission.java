package io.lakefs.sts.service.lakefs;

/**
 * A lakeFS permission on a whole repository that a credential's access level needs beyond reading it, and
 * the lakeFS action whose grant the service checks, as the user, before granting that level.
 */
public enum RepositoryPermission {
  /** Writing objects: what lakeFSFS's getPhysicalAddress and linkPhysicalAddress need. */
  WRITE_OBJECTS("fs:WriteObject", "write objects in"),
  /**
   * Running garbage collection: what lakeFS's GC job needs to start its mark phase
   * ({@code prepareGarbageCollectionCommits}); lakeFS grants it to Admins ({@code retention:*}), not to
   * Developers, who hold only {@code retention:Get*}.
   */
  RUN_GARBAGE_COLLECTION("retention:PrepareGarbageCollectionCommits", "run garbage collection on");

  private final String action;
  private final String description;

  RepositoryPermission(String action, String description) {
    this.action = action;
    this.description = description;
  }

  /** lakeFS's action name, as its RBAC policies and its refusals spell it. */
  public String action() {
    return action;
  }

  /** "write objects in", for messages: "user alice may not write objects in repository sales". */
  public String description() {
    return description;
  }
}
