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
 * examples/iam/role-permission-policy.json allows every S3 action a session policy can grant: a session policy only
 * narrows the role's permissions, so an action missing there would be denied to every user. (KMS actions are
 * granted only for buckets configured with a key; docs/iam.md shows the role statement they need.)
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
    granted.addAll(PolicyStatements.GC_OBJECT_ACTIONS);
    granted.addAll(List.of(PolicyStatements.LIST_BUCKET, PolicyStatements.GET_BUCKET_LOCATION));
    granted.removeAll(allowed);
    assertTrue("actions session policies grant but the role's policy does not allow: " + granted, granted.isEmpty());
  }
}
