package io.lakefs.sts.testsupport.lakefs;

import java.util.List;
import java.util.Objects;

/** A lakeFS group of the stand-in: its members' effective policies include the group's. */
public record StandInGroup(String id, List<String> members, List<String> policyIds) {
  public StandInGroup {
    Objects.requireNonNull(id, "id");
    members = List.copyOf(members);
    policyIds = List.copyOf(policyIds);
  }
}
