package io.lakefs.sts.testsupport.lakefs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stand-in's users, policies and groups as they are now: they start as the {@link LakeFSDescription}
 * says, and a test (or a caller through lakeFS's API) may delete users and detach policies while the
 * stand-in runs, as an administrator does in lakeFS. Thread-safe: every method holds the lock.
 */
final class StandInAccounts {
  private final Map<String, StandInUser> users = new LinkedHashMap<>();
  private final Map<String, StandInPolicy> policies = new TreeMap<>();
  private final Map<String, Set<String>> userPolicies = new LinkedHashMap<>();
  private final Map<String, Set<String>> groupMembers = new TreeMap<>();
  private final Map<String, Set<String>> groupPolicies = new TreeMap<>();

  StandInAccounts(LakeFSDescription description) {
    description.users().forEach(user -> users.put(user.id(), user));
    description.policies().forEach(policy -> policies.put(policy.id(), policy));
    description.userPolicies().forEach((user, ids) -> userPolicies.put(user, new LinkedHashSet<>(ids)));
    for (StandInGroup group : description.groups()) {
      groupMembers.put(group.id(), new LinkedHashSet<>(group.members()));
      groupPolicies.put(group.id(), new LinkedHashSet<>(group.policyIds()));
    }
  }

  /** The user holding this access key, if the secret is the key's; compared in constant time. */
  synchronized Optional<StandInUser> authenticate(String accessKeyId, String secretAccessKey) {
    return users.values().stream().filter(user -> user.accessKeyId().equals(accessKeyId)).findFirst()
        .filter(user -> MessageDigest.isEqual(user.secretAccessKey().getBytes(StandardCharsets.UTF_8),
            secretAccessKey.getBytes(StandardCharsets.UTF_8)));
  }

  synchronized Optional<StandInUser> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  synchronized boolean groupExists(String groupId) {
    return groupMembers.containsKey(groupId);
  }

  /** Whether the user's effective policies allow the action on the resource, as lakeFS's RBAC decides. */
  synchronized boolean allows(String userId, String action, String resourceArn) {
    return users.containsKey(userId) && StandInPolicy.allows(effectivePolicies(userId), userId, action, resourceArn);
  }

  /** The policies attached to the user itself, by id. */
  synchronized List<StandInPolicy> userPolicies(String userId) {
    return resolve(userPolicies.getOrDefault(userId, Set.of()));
  }

  /** The policies attached to the user and to every group it is in, each once, by id: lakeFS's "effective". */
  synchronized List<StandInPolicy> effectivePolicies(String userId) {
    Set<String> ids = new LinkedHashSet<>(userPolicies.getOrDefault(userId, Set.of()));
    groupsOf(userId).forEach(group -> ids.addAll(groupPolicies.get(group)));
    return resolve(ids);
  }

  /** The groups the user is a member of, by id. */
  synchronized List<String> groupsOf(String userId) {
    List<String> groups = new ArrayList<>();
    groupMembers.forEach((group, members) -> {
      if (members.contains(userId)) {
        groups.add(group);
      }
    });
    return groups;
  }

  synchronized List<StandInPolicy> groupPolicies(String groupId) {
    return resolve(groupPolicies.getOrDefault(groupId, Set.of()));
  }

  /** Deletes the user, its attachments and memberships, as lakeFS's DeleteUser does; false if there was none. */
  synchronized boolean deleteUser(String userId) {
    if (users.remove(userId) == null) {
      return false;
    }
    userPolicies.remove(userId);
    groupMembers.values().forEach(members -> members.remove(userId));
    return true;
  }

  /** Detaches the policy from the user; false if it was not attached. */
  synchronized boolean detachPolicy(String userId, String policyId) {
    return userPolicies.getOrDefault(userId, new LinkedHashSet<>()).remove(policyId);
  }

  /** Attaches a described policy to the user; false if there is no such user or policy. */
  synchronized boolean attachPolicy(String userId, String policyId) {
    if (!users.containsKey(userId) || !policies.containsKey(policyId)) {
      return false;
    }
    userPolicies.computeIfAbsent(userId, user -> new LinkedHashSet<>()).add(policyId);
    return true;
  }

  /** Takes the user out of the group; false if it was not a member. */
  synchronized boolean removeFromGroup(String userId, String groupId) {
    return groupMembers.getOrDefault(groupId, new LinkedHashSet<>()).remove(userId);
  }

  private List<StandInPolicy> resolve(Set<String> ids) {
    return ids.stream().sorted().map(policies::get).toList();
  }
}
