package io.lakefs.sts.service.sts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.service.scope.StorageNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Against REAL AWS STS (and S3): runs only when the environment names a role and has AWS credentials, so it is
 * skipped in CI and in any build without network. The role's trust policy must allow the caller sts:AssumeRole,
 * sts:TagSession and sts:SetSourceIdentity.
 *
 * <pre>
 * AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, or AWS_PROFILE   the service's own credentials (default chain)
 * LAKEFS_STS_TEST_ROLE_ARN                                    the role to assume
 * AWS_REGION                                                  optional, default us-east-1
 * LAKEFS_STS_TEST_EXTERNAL_ID                                 optional, if the trust policy requires one
 * LAKEFS_STS_TEST_NAMESPACE                                   optional s3://bucket/prefix/ the role may write:
 *                                                             also proves S3 access inside it and denial beside it
 * </pre>
 */
public class RealAwsStsIntegrationTest {
  private StsSettings settings;
  private Optional<String> namespace;

  @Before
  public void requireRealAws() {
    boolean keys = isSet("AWS_ACCESS_KEY_ID") && isSet("AWS_SECRET_ACCESS_KEY");
    Assume.assumeTrue("Real AWS STS test skipped: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and"
        + " LAKEFS_STS_TEST_ROLE_ARN to run it", (keys || isSet("AWS_PROFILE")) && isSet("LAKEFS_STS_TEST_ROLE_ARN"));
    settings = new StsSettingsBuilder()
        .roleArn(System.getenv("LAKEFS_STS_TEST_ROLE_ARN"))
        .region(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1"))
        .externalId(System.getenv("LAKEFS_STS_TEST_EXTERNAL_ID"))
        .build();
    namespace = Optional.ofNullable(System.getenv("LAKEFS_STS_TEST_NAMESPACE"));
  }

  @Test
  public void realStsIssuesCredentialsNamedAfterTheUserAndCappedByTheToken() {
    String user = "lakefs-sts-it-" + UUID.randomUUID().toString().substring(0, 8);
    SessionPolicy policy = SessionPolicy.forGrants(List.of(new Grant(
        StorageNamespace.parse(namespace.orElse("s3://lakefs-sts-it-nonexistent/prefix/")), AccessLevel.WRITE)));
    IssuedCredentials issued;
    Instant before = Instant.now();
    try (StsClient sts = StsClientFactory.create(settings)) {
      issued = new StsCredentialsIssuer(settings, sts, IssuerListener.NONE).issue(user, settings.defaultRole(),
          policy, Duration.ofMinutes(16));
    }
    assertTrue(issued.expiration().isBefore(before.plus(Duration.ofMinutes(17))));

    AwsSessionCredentials session = AwsSessionCredentials.create(issued.credentials().accessKeyId(),
        issued.credentials().secretAccessKey().reveal(), issued.credentials().sessionToken().reveal());
    try (StsClient asUser = StsClient.builder().region(Region.of(settings.region()))
        .credentialsProvider(StaticCredentialsProvider.create(session)).build()) {
      String arn = asUser.getCallerIdentity().arn();
      assertTrue(arn, arn.endsWith("/" + user));
    }

    namespace.map(StorageNamespace::parse).ifPresent(ns -> {
      try (S3Client s3 = S3Client.builder().region(Region.of(settings.region()))
          .credentialsProvider(StaticCredentialsProvider.create(session)).build()) {
        String key = ns.keyPrefix() + "lakefs-sts-it/" + user;
        s3.putObject(r -> r.bucket(ns.bucket()).key(key), RequestBody.fromString("written by " + user));
        s3.deleteObject(r -> r.bucket(ns.bucket()).key(key));
        String outside = (ns.keyPrefix().isEmpty() ? "" : ns.keyPrefix().substring(0, ns.keyPrefix().length() - 1))
            + "-outside/" + user;
        S3Exception denied = assertThrows(S3Exception.class,
            () -> s3.putObject(r -> r.bucket(ns.bucket()).key(outside), RequestBody.fromString("x")));
        assertEquals(403, denied.statusCode());
      }
    });
  }

  private static boolean isSet(String name) {
    String value = System.getenv(name);
    return value != null && !value.isBlank();
  }
}
