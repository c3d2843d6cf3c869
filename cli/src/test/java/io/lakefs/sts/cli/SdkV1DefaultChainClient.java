package io.lakefs.sts.cli;

import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.AmazonS3Exception;

/**
 * What lakeFS's garbage-collection sweep builds: an AWS SDK for Java v1 S3 client on the SDK's default provider
 * chain, which finds the profile's credential_process. Run in a JVM of its own (the chain reads the process's
 * environment); prints one line per step, as the boto3 script does.
 */
public final class SdkV1DefaultChainClient {
  private SdkV1DefaultChainClient() {
  }

  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    String bucket = args[1];
    String inside = args[2];
    String outside = args[3];
    long waitMillis = Long.parseLong(args[4]) * 1000;
    AmazonS3 s3 = AmazonS3ClientBuilder.standard()
        .withCredentials(DefaultAWSCredentialsProviderChain.getInstance())
        .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
        .withPathStyleAccessEnabled(true)
        .build();
    s3.putObject(bucket, inside, "written by the AWS SDK for Java v1");
    System.out.println("put inside: " + s3.getObjectAsString(bucket, inside));
    try {
      s3.putObject(bucket, outside, "must be refused");
      System.out.println("put outside: ALLOWED");
    } catch (AmazonS3Exception e) {
      System.out.println("put outside: " + e.getErrorCode());
    }
    Thread.sleep(waitMillis);
    System.out.println("get after expiry: " + s3.getObjectAsString(bucket, inside));
    s3.shutdown();
  }
}
