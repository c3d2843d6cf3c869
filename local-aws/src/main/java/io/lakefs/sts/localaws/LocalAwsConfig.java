package io.lakefs.sts.localaws;

import io.lakefs.sts.localaws.iam.IamUser;
import io.lakefs.sts.localaws.iam.MalformedPolicyException;
import io.lakefs.sts.localaws.iam.PolicyDocument;
import io.lakefs.sts.localaws.iam.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts, roles and buckets local-aws starts with. Read once from a JSON file (or the built-in
 * defaults) into immutable objects.
 *
 * <pre>{@code
 * {"accountId": "123456789012", "region": "us-east-1", "buckets": ["lakefs-data"],
 *  "users": [{"name": "lakefs-service", "accessKeyId": "AKIA...", "secretAccessKey": "..."}],
 *  "roles": [{"name": "lakefs-sts", "maxSessionDurationSeconds": 3600, "trustedUsers": ["lakefs-service"],
 *             "allowTagSession": true, "allowSetSourceIdentity": true, "externalId": null,
 *             "permissionPolicy": {"Version": "2012-10-17", "Statement": [...]}}]}
 * }</pre>
 */
public record LocalAwsConfig(String accountId, String region, List<IamUser> users, List<Role> roles,
    List<String> buckets) {

  /** A role's permissions unless the config says otherwise: all of S3, and the KMS keys SSE-KMS objects use. */
  static final String ALLOW_ALL_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":[\"s3:*\",\"kms:Decrypt\",\"kms:GenerateDataKey\"],\"Resource\":\"*\"}]}";

  public LocalAwsConfig {
    users = List.copyOf(users);
    roles = List.copyOf(roles);
    buckets = List.copyOf(buckets);
  }

  /** One IAM user, one role it may assume with s3:* (and KMS data-key) permissions, one bucket. */
  public static LocalAwsConfig defaults() {
    return parse("{}");
  }

  public static LocalAwsConfig load(Path file) throws IOException {
    String json;
    try {
      json = Files.readString(file);
    } catch (IOException e) {
      throw new IOException("cannot read the config file " + file + ": " + e, e);
    }
    try {
      return parse(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static LocalAwsConfig parse(String json) {
    JsonNode root;
    try {
      root = JsonMapper.builder().build().readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    String accountId = text(root, "accountId", LocalAwsContract.DEFAULT_ACCOUNT_ID);
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("accountId must be 12 digits, was '" + accountId + "'");
    }
    String region = text(root, "region", LocalAwsContract.DEFAULT_REGION);

    List<IamUser> users = new ArrayList<>();
    if (root.has("users")) {
      for (JsonNode user : root.get("users")) {
        users.add(new IamUser(accountId, required(user, "name", "users[]"),
            required(user, "accessKeyId", "users[]"), required(user, "secretAccessKey", "users[]")));
      }
    } else {
      users.add(new IamUser(accountId, LocalAwsContract.DEFAULT_USER_NAME,
          LocalAwsContract.DEFAULT_USER_ACCESS_KEY_ID, LocalAwsContract.DEFAULT_USER_SECRET_ACCESS_KEY));
    }

    List<Role> roles = new ArrayList<>();
    if (root.has("roles")) {
      for (JsonNode role : root.get("roles")) {
        roles.add(role(accountId, role, users));
      }
    } else {
      roles.add(role(accountId, JsonMapper.builder().build().readTree(
          "{\"name\":\"" + LocalAwsContract.DEFAULT_ROLE_NAME + "\"}"), users));
    }

    List<String> buckets = new ArrayList<>();
    if (root.has("buckets")) {
      root.get("buckets").forEach(b -> buckets.add(b.asString()));
    } else {
      buckets.add(LocalAwsContract.DEFAULT_BUCKET);
    }
    return new LocalAwsConfig(accountId, region, users, roles, buckets);
  }

  private static Role role(String accountId, JsonNode node, List<IamUser> users) {
    String name = required(node, "name", "roles[]");
    List<String> trusted = new ArrayList<>();
    if (node.has("trustedUsers")) {
      for (JsonNode userName : node.get("trustedUsers")) {
        IamUser user = users.stream().filter(u -> u.name().equals(userName.asString())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("role " + name + ": trustedUsers names unknown user '"
                + userName.asString() + "'; add it to users[] first"));
        trusted.add(user.arn());
      }
    } else {
      users.forEach(u -> trusted.add(u.arn()));
    }
    String policy = node.has("permissionPolicy") ? node.get("permissionPolicy").toString() : ALLOW_ALL_S3;
    PolicyDocument permissionPolicy;
    try {
      permissionPolicy = PolicyDocument.parse(policy);
    } catch (MalformedPolicyException e) {
      throw new IllegalArgumentException("role " + name + ": permissionPolicy: " + e.getMessage(), e);
    }
    return new Role(accountId, name,
        node.has("maxSessionDurationSeconds") ? node.get("maxSessionDurationSeconds").asInt() : 3600,
        trusted,
        !node.has("allowTagSession") || node.get("allowTagSession").asBoolean(),
        !node.has("allowSetSourceIdentity") || node.get("allowSetSourceIdentity").asBoolean(),
        node.hasNonNull("externalId") ? Optional.of(node.get("externalId").asString()) : Optional.empty(),
        permissionPolicy);
  }

  private static String text(JsonNode node, String field, String fallback) {
    return node.hasNonNull(field) ? node.get(field).asString() : fallback;
  }

  private static String required(JsonNode node, String field, String where) {
    if (!node.hasNonNull(field) || node.get(field).asString().isBlank()) {
      throw new IllegalArgumentException(where + " needs a non-empty \"" + field + "\"");
    }
    return node.get(field).asString();
  }
}
