package io.lakefs.sts.localaws;

/** Policies the tests of several packages evaluate. */
public final class ExamplePolicies {
  private ExamplePolicies() {
  }

  /** The session policy our credentials service passes to AssumeRole for a writer of repository repo1. */
  public static final String REPO1_SESSION_POLICY = """
      {"Version":"2012-10-17","Statement":[
       {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject","s3:AbortMultipartUpload",
         "s3:ListMultipartUploadParts"],"Resource":["arn:aws:s3:::bucket/repo1/*"]},
       {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket",
         "Condition":{"StringLike":{"s3:prefix":["repo1/*","repo1"]}}},
       {"Effect":"Allow","Action":["s3:GetBucketLocation","s3:ListBucketMultipartUploads"],
         "Resource":"arn:aws:s3:::bucket"}]}
      """;

  /** A role's permission policy that allows all of S3. */
  public static final String ADMIN = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}
      """;
}
