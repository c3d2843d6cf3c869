package io.lakefs.sts.localaws.iam;

import java.util.Objects;

/** A long-term IAM user: the identity the credentials service runs as when it calls AssumeRole. */
public record IamUser(String accountId, String name, String accessKeyId, String secretAccessKey) {
  public IamUser {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  public String arn() {
    return "arn:aws:iam::" + accountId + ":user/" + name;
  }

  @Override
  public String toString() {
    return "IamUser{" + arn() + ", accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>}";
  }
}
