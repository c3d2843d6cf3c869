package io.lakefs.sts.testsupport.lakefs;

import java.util.List;

/**
 * lakeFS's RBAC vocabulary, as its server spells it ({@code pkg/permissions/actions.go}), and the built-in
 * policies the stand-in's grants are made of ({@code pkg/auth/base.go}, {@code pkg/auth/setup/setup.go}).
 * Action and resource patterns take lakeFS's wildcards: {@code *} for any run of characters, {@code ?}
 * for one.
 */
public final class LakeFSPermissions {
  public static final String READ_REPOSITORY = "fs:ReadRepository";
  public static final String READ_OBJECT = "fs:ReadObject";
  public static final String LIST_OBJECTS = "fs:ListObjects";
  public static final String WRITE_OBJECT = "fs:WriteObject";
  public static final String DELETE_OBJECT = "fs:DeleteObject";
  public static final String READ_BRANCH = "fs:ReadBranch";
  public static final String CREATE_COMMIT = "fs:CreateCommit";
  /** What lakeFS's garbage collection job needs to start its mark phase ({@code prepareGarbageCollectionCommits}). */
  public static final String PREPARE_GARBAGE_COLLECTION_COMMITS = "retention:PrepareGarbageCollectionCommits";
  /** What the garbage collection job needs to list uncommitted objects ({@code prepareGarbageCollectionUncommitted}). */
  public static final String PREPARE_GARBAGE_COLLECTION_UNCOMMITTED = "retention:PrepareGarbageCollectionUncommitted";
  /** What {@code getGarbageCollectionRules} needs; lakeFS's RepoManagementRead (every Developer) holds it. */
  public static final String GET_GARBAGE_COLLECTION_RULES = "retention:GetGarbageCollectionRules";

  /** lakeFS's FSRead policy (group Viewers): read and list everything, write nothing. */
  public static final List<String> FS_READ = List.of("fs:List*", "fs:Read*");
  /** lakeFS's FSReadWrite policy (group Developers): FSRead plus writing, deleting, branching and committing. */
  public static final List<String> FS_READ_WRITE = List.of("fs:Read*", "fs:List*", WRITE_OBJECT, DELETE_OBJECT,
      "fs:RevertBranch", "fs:CreateBranch", "fs:CreateTag", "fs:DeleteBranch", "fs:DeleteTag", CREATE_COMMIT);
  /** The retention part of lakeFS's RepoManagementFullAccess (group Admins): running garbage collection. */
  public static final List<String> RETENTION_ALL = List.of("retention:*");
  /** lakeFS's AllAccess policy: what an administrator holds. */
  public static final List<String> ALL_ACCESS = List.of("fs:*", "auth:*", "ci:*", "retention:*", "branches:*", "pr:*");

  private static final String FS_ARN = "arn:lakefs:fs:::repository/";

  private LakeFSPermissions() {
  }

  /** {@code arn:lakefs:fs:::repository/{repository}}, what repository-level actions are checked against. */
  public static String repositoryArn(String repository) {
    return FS_ARN + repository;
  }

  /** {@code arn:lakefs:fs:::repository/{repository}/object/{path}}, what object actions are checked against. */
  public static String objectArn(String repository, String path) {
    return FS_ARN + repository + "/object/" + path;
  }

  /** {@code arn:lakefs:fs:::repository/{repository}/branch/{branch}}. */
  public static String branchArn(String repository, String branch) {
    return FS_ARN + repository + "/branch/" + branch;
  }

  /** lakeFS's {@code auth:ReadUser}: what reading a user, its policies and its groups needs. */
  public static final String READ_USER = "auth:ReadUser";
  /** lakeFS's {@code auth:DeleteUser}. */
  public static final String DELETE_USER = "auth:DeleteUser";
  /** lakeFS's {@code auth:DetachPolicy}, checked on the user a policy is detached from. */
  public static final String DETACH_POLICY = "auth:DetachPolicy";
  /** lakeFS's {@code auth:ReadGroup}: what reading a group's policies needs. */
  public static final String READ_GROUP = "auth:ReadGroup";

  /** {@code arn:lakefs:auth:::user/{user}}, what actions on a user are checked against. */
  public static String userArn(String userId) {
    return "arn:lakefs:auth:::user/" + userId;
  }

  /** {@code arn:lakefs:auth:::group/{group}}. */
  public static String groupArn(String groupId) {
    return "arn:lakefs:auth:::group/" + groupId;
  }

  /**
   * lakeFS's {@code ArnMatch}: the pattern {@code *} matches everything; otherwise both must read
   * {@code arn:lakefs:<service>:<region>:<account>:<resource>}, with equal service and account (the region is
   * not compared), and only the resource part takes wildcards.
   */
  static boolean arnMatches(String pattern, String arn) {
    if (pattern.equals("*")) {
      return true;
    }
    String[] source = pattern.split(":", 6);
    String[] target = arn.split(":", 6);
    return isArn(source) && isArn(target) && source[2].equals(target[2]) && source[4].equals(target[4])
        && matches(source[5], target[5]);
  }

  private static boolean isArn(String[] fields) {
    return fields.length == 6 && fields[0].equals("arn") && fields[1].equals("lakefs") && !fields[2].isEmpty()
        && !fields[5].isEmpty();
  }

  /** lakeFS's {@code wildcard.Match}: {@code *} matches any run of characters, {@code ?} exactly one. */
  static boolean matches(String pattern, String value) {
    return matches(pattern, 0, value, 0);
  }

  private static boolean matches(String pattern, int p, String value, int v) {
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      if (c == '*') {
        for (int rest = v; rest <= value.length(); rest++) {
          if (matches(pattern, p + 1, value, rest)) {
            return true;
          }
        }
        return false;
      }
      if (v >= value.length() || (c != '?' && c != value.charAt(v))) {
        return false;
      }
      p++;
      v++;
    }
    return v == value.length();
  }
}
