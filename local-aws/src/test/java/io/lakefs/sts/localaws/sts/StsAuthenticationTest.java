package io.lakefs.sts.localaws.sts;

import static io.lakefs.sts.localaws.sts.StsFixture.ALICE;
import static io.lakefs.sts.localaws.sts.StsFixture.expectError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** Who may call STS, seen through the real AWS SDK and raw HTTP: signatures, keys, protocol errors. */
public class StsAuthenticationTest {
  private StsFixture sts;
  private LogCapture logs;

  @Before
  public void startSts() throws Exception {
    logs = new LogCapture();
    sts = StsFixture.usersOnly();
  }

  @After
  public void stopSts() {
    sts.close();
    logs.close();
  }

  @Test
  public void getCallerIdentityNamesTheIamUser() {
    GetCallerIdentityResponse identity = sts.client(ALICE).getCallerIdentity();
    assertEquals("arn:aws:iam::123456789012:user/alice", identity.arn());
    assertEquals(StsFixture.ACCOUNT, identity.account());
    assertTrue(identity.userId(), identity.userId().matches("AIDA[A-Z2-7]{17}"));
    assertEquals("a user's id is stable", identity.userId(), sts.client(ALICE).getCallerIdentity().userId());
    assertTrue(logs.all(), logs.all().contains(
        "STS GetCallerIdentity caller=arn:aws:iam::123456789012:user/alice role=- session=- outcome=OK"));
  }

  @Test
  public void wrongSecretIsSignatureDoesNotMatch() {
    String wrong = "wrong-secret-wrong-secret-wrong-secret-00";
    StsException e = expectError("SignatureDoesNotMatch", 403, () -> sts.client(
        AwsBasicCredentials.create(ALICE.accessKeyId(), wrong), StsFixture.REGION).getCallerIdentity());
    assertFalse(e.getMessage().contains(wrong));
    assertFalse(logs.all().contains(wrong));
    assertTrue(logs.all(), logs.all().contains("outcome=SignatureDoesNotMatch"));
  }

  @Test
  public void unknownAccessKeyIsInvalidClientTokenId() {
    StsException e = expectError("InvalidClientTokenId", 403, () -> sts.client(
        AwsBasicCredentials.create("AKIANOBODYKNOWSTHIS1", "x".repeat(40)), StsFixture.REGION).getCallerIdentity());
    assertEquals("The security token included in the request is invalid.", e.awsErrorDetails().errorMessage());
  }

  @Test
  public void sessionTokenWithLongTermKeyIsInvalidClientTokenId() {
    expectError("InvalidClientTokenId", 403, () -> sts.client(AwsSessionCredentials.create(ALICE.accessKeyId(),
        ALICE.secretAccessKey(), "FwoGZXIvYXdzEmadeup"), StsFixture.REGION).getCallerIdentity());
  }

  @Test
  public void requestSignedForAnotherRegionIsRefused() {
    StsException e = expectError("SignatureDoesNotMatch", 403, () -> sts.client(
        AwsBasicCredentials.create(ALICE.accessKeyId(), ALICE.secretAccessKey()), "eu-west-1").getCallerIdentity());
    assertTrue(e.getMessage(), e.awsErrorDetails().errorMessage()
        .startsWith("Credential should be scoped to a valid region, not 'eu-west-1'."));
  }

  @Test
  public void clientClockOffByMoreThanFifteenMinutesIsRefusedAsAwsDoes() {
    sts.clock.advance(Duration.ofMinutes(20));
    StsException e = expectError("SignatureDoesNotMatch", 403, () -> sts.client(ALICE).getCallerIdentity());
    assertTrue(e.getMessage(), e.awsErrorDetails().errorMessage().startsWith("Signature expired: "));
    assertTrue(e.getMessage(), e.awsErrorDetails().errorMessage().contains(" - 15 min.)"));
  }

  @Test
  public void unsignedCallIsMissingAuthenticationToken() {
    HttpResponse<String> response = sts.post("/", "Action=GetCallerIdentity&Version=2011-06-15");
    assertEquals(403, response.statusCode());
    assertTrue(response.body(), response.body().contains("<Code>MissingAuthenticationToken</Code>"));
    assertTrue(response.body(), response.body().contains("<Type>Sender</Type>"));
    String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertTrue(response.body(), response.body().contains("<RequestId>" + requestId + "</RequestId>"));
    assertTrue(response.body(), response.body().startsWith(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"));
  }

  @Test
  public void unknownActionIsInvalidAction() {
    HttpResponse<String> response = sts.post("/", "Action=GetSessionToken&Version=2011-06-15");
    assertEquals(400, response.statusCode());
    assertTrue(response.body(), response.body().contains("<Code>InvalidAction</Code>"));
    assertTrue(response.body(), response.body().contains(
        "<Message>Could not find operation GetSessionToken for version 2011-06-15"));
  }

  @Test
  public void wrongOrMissingVersionIsInvalidAction() {
    HttpResponse<String> wrong = sts.post("/", "Action=AssumeRole&Version=2010-05-08");
    assertEquals(400, wrong.statusCode());
    assertTrue(wrong.body(), wrong.body().contains(
        "<Message>Could not find operation AssumeRole for version 2010-05-08</Message>"));
    HttpResponse<String> missing = sts.post("/", "Action=AssumeRole");
    assertTrue(missing.body(), missing.body().contains(
        "<Message>Could not find operation AssumeRole for version NO_VERSION_SPECIFIED</Message>"));
    HttpResponse<String> noAction = sts.post("/", "Version=2011-06-15");
    assertTrue(noAction.body(), noAction.body().contains("<Code>MissingAction</Code>"));
  }

  @Test
  public void onlyTheRootPathServesSts() {
    HttpResponse<String> response = sts.post("/sts", "Action=GetCallerIdentity&Version=2011-06-15");
    assertEquals(404, response.statusCode());
    assertTrue(response.body(), response.body().contains("there is nothing at &apos;/sts&apos;"));
  }

  @Test
  public void presignedGetWithQueryParametersIsAccepted() {
    URI endpoint = sts.server.endpoint();
    SdkHttpRequest presigned = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(ALICE.accessKeyId(), ALICE.secretAccessKey()))
        .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint.resolve("/"))
            .putRawQueryParameter("Action", "GetCallerIdentity")
            .putRawQueryParameter("Version", "2011-06-15").build())
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
        .putProperty(AwsV4HttpSigner.REGION_NAME, StsFixture.REGION)
        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(15))).request();
    HttpResponse<String> response = sts.send(HttpRequest.newBuilder(presigned.getUri()).GET().build());
    assertEquals(response.body(), 200, response.statusCode());
    assertTrue(response.body(), response.body().contains("<Arn>arn:aws:iam::123456789012:user/alice</Arn>"));

    sts.clock.advance(Duration.ofMinutes(16));
    HttpResponse<String> expired = sts.send(HttpRequest.newBuilder(presigned.getUri()).GET().build());
    assertEquals(expired.body(), 400, expired.statusCode());
    assertTrue(expired.body(), expired.body().contains("<Code>RequestExpired</Code>"));
  }
}
