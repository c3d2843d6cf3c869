package io.lakefs.sts.service.scope;

import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * examples/iam/role-permission-policy.json allows every action a session policy can grant: a session policy only
 * narrows the role's permissions, so an action missing there would be denied to every user.
 */
public class ExampleRolePermissionPolicyTest {
  @Test
  public void rolePolicyAllowsEveryActionSessionPoliciesGrant() throws Exception {
    JsonNode policy = new ObjectMapper().readTree(Path.of("..", "examples", "iam", "role-permission-policy.json")
        .toFile());
    Set<String> allowed = new HashSet<>();
    policy.get("Statement").forEach(statement -> statement.get("Action").forEach(a -> allowed.add(a.asText())));
    Set<String> granted = new HashSet<>(PolicyStatements.WRITE_OBJECT_ACTIONS);
    granted.addAll(PolicyStatements.READ_OBJECT_ACTIONS);
    granted.addAll(List.of(PolicyStatements.LIST_BUCKET, PolicyStatements.GET_BUCKET_LOCATION,
        PolicyStatements.LIST_BUCKET_MULTIPART_UPLOADS));
    granted.removeAll(allowed);
    assertTrue("actions session policies grant but the role's policy does not allow: " + granted, granted.isEmpty());
  }
}
