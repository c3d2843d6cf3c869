package io.lakefs.sts.service.sts;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** An StsClient that records requests and answers with scripted failures, then success. */
final class ScriptedStsClient implements StsClient {
  final List<AssumeRoleRequest> requests = new CopyOnWriteArrayList<>();
  private final Deque<SdkException> failures = new ArrayDeque<>();

  ScriptedStsClient failWith(SdkException... next) {
    failures.addAll(List.of(next));
    return this;
  }

  static StsException stsError(int status, String code, String message) {
    return (StsException) StsException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Sts").build())
        .message(message)
        .build();
  }

  @Override
  public synchronized AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
    requests.add(request);
    SdkException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    return AssumeRoleResponse.builder().credentials(Credentials.builder().accessKeyId("ASIASCRIPTED" + requests.size())
        .secretAccessKey("scripted-secret").sessionToken("scripted-token")
        .expiration(Instant.now().plusSeconds(request.durationSeconds())).build()).build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
  }
}
