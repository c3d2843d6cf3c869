package io.lakefs.sts.demo;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.spark.LakeFSSparkKeys;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stack of the demo, left running for people to try: local-aws (STS + S3), a lakeFS stand-in (NOT a real
 * lakeFS) with alice (repository sales) and bob (payroll), and the real credentials service. {@link #start()} prints
 * what to paste; {@link #close()} stops every process it started.
 */
final class Sandbox implements AutoCloseable {
  /** The line after which the sandbox is up; tests wait for it. */
  static final String READY = "sandbox ready: Ctrl-C (or SIGTERM) stops every process it started";
  /** Prefix of the line naming the credentials service's URL. */
  static final String SERVICE_LINE = "  credentials service  ";

  private static final AliceAndBob WORLD = AliceAndBob.withKeys("AKIASANDBOXALICE0001", "alice-sandbox-secret",
      "AKIASANDBOXBOB000001", "bob-sandbox-secret").inRepositories(Demo.SALES, Demo.PAYROLL);
  static final String ALICE_KEY = WORLD.alice().accessKeyId();
  static final String ALICE_SECRET = WORLD.alice().secretAccessKey();
  static final String BOB_KEY = WORLD.bob().accessKeyId();
  static final String BOB_SECRET = WORLD.bob().secretAccessKey();

  private final SandboxSettings settings;
  private final PrintStream out;
  private LoopbackStack stack;
  private LocalAwsProcess aws;
  private LakeFSStandIn lakeFS;
  private CredentialsServiceProcess service;

  Sandbox(SandboxSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  void start() throws Exception {
    stack = LoopbackStack.builder(settings.workDir()).stsLifetime(settings.stsLifetime()).lakeFS(WORLD).start();
    aws = stack.aws();
    lakeFS = stack.lakeFS();
    service = stack.service();
    Path awsConfig = writeAwsConfig();
    Path sparkOptions = writeSparkOptions();
    printGuide(awsConfig, sparkOptions);
  }

  private Path writeAwsConfig() throws IOException {
    StringBuilder config = new StringBuilder("# AWS profiles of the sandbox: lakefs-sts prints each user's credentials.\n"
        + "# The lakeFS key comes from LAKECTL_CREDENTIALS_ACCESS_KEY_ID / _SECRET_ACCESS_KEY (or ~/.lakectl.yaml).\n");
    for (String[] profile : List.of(new String[] {Demo.ALICE, Demo.SALES}, new String[] {Demo.BOB, Demo.PAYROLL})) {
      config.append("[profile ").append(profile[0]).append("]\nregion = ").append(aws.region())
          .append("\ncredential_process = ").append(settings.lakeFSSts()).append(" credentials --endpoint ")
          .append(service.endpoint()).append(" --repository ").append(profile[1]).append(" --access write\n")
          .append("s3 =\n    addressing_style = path\n\n");
    }
    return Files.writeString(settings.workDir().resolve("aws-config"), config);
  }

  private Path writeSparkOptions() throws IOException {
    String options = String.join("\n",
        "# spark-submit --properties-file " + settings.workDir().resolve("spark-alice.properties")
            + " (with LAKEFS_SECRET_ACCESS_KEY exported)",
        "spark.plugins=" + LakeFSSparkKeys.PLUGIN_CLASS,
        LakeFSSparkKeys.DRIVER_ACCESS_KEY + "=" + ALICE_KEY,
        LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.SERVICE_ENDPOINTS + "=" + service.endpoint(),
        LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.REPOSITORIES + "=" + Demo.SALES,
        LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.ACCESS + "=write",
        "# executors' lakeFS metadata calls (the lakeFSFS-style path of examples/) use a login the token carries",
        LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.LOGIN_ENDPOINT + "=" + lakeFS.endpoint(),
        "spark.hadoop.fs.s3a.delegation.token.binding=io.lakefs.sts.hadoop.s3a.LakeFSDelegationTokenBinding",
        "spark.hadoop.fs.s3a.endpoint=" + aws.s3Endpoint(),
        "spark.hadoop.fs.s3a.endpoint.region=" + aws.region(),
        "spark.hadoop.fs.s3a.path.style.access=true",
        "spark.authenticate=true",
        "spark.network.crypto.enabled=true",
        "");
    return Files.writeString(settings.workDir().resolve("spark-alice.properties"), options);
  }

  private void printGuide(Path awsConfig, Path sparkOptions) {
    String s3 = aws.s3Endpoint().toString();
    String bucket = aws.bucket();
    out.println("lakeFS STS sandbox (loopback only; the lakeFS here is a stand-in, NOT a real lakeFS)");
    out.println();
    out.println("Endpoints:");
    out.println(SERVICE_LINE + service.endpoint());
    out.println("  lakeFS stand-in      " + lakeFS.endpoint());
    out.println("  STS (local-aws)      " + aws.stsEndpoint());
    out.println("  S3 (local-aws)       " + s3 + "   bucket " + bucket + ", S3 access log in "
        + aws.workDir().toAbsolutePath());
    out.println();
    out.println("Users (lakeFS keys):");
    out.println("  alice  " + ALICE_KEY + " / " + ALICE_SECRET + "   repository " + Demo.SALES + " at s3://" + bucket
        + "/" + Demo.SALES + "/");
    out.println("  bob    " + BOB_KEY + " / " + BOB_SECRET + "   repository " + Demo.PAYROLL + " at s3://" + bucket
        + "/" + Demo.PAYROLL + "/");
    out.println();
    out.println("Try (paste into another shell):");
    out.println("  curl -s " + service.endpoint() + "/health");
    out.println("  curl -s -u " + ALICE_KEY + ":" + ALICE_SECRET + " -H 'Content-Type: application/json' -d '{\"repositories\":"
        + "[\"" + Demo.SALES + "\"],\"access\":\"read\"}' " + service.endpoint() + "/api/v1/credentials");
    out.println("  export LAKECTL_CREDENTIALS_ACCESS_KEY_ID=" + ALICE_KEY + " LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY="
        + ALICE_SECRET);
    out.println("  " + settings.lakeFSSts() + " credentials --endpoint " + service.endpoint() + " --repository "
        + Demo.SALES + " --access read --format json");
    out.println("  export AWS_CONFIG_FILE=" + awsConfig + " AWS_EC2_METADATA_DISABLED=true");
    out.println("  echo hello | aws --profile alice --endpoint-url " + s3 + " s3 cp - s3://" + bucket + "/" + Demo.SALES
        + "/data/hello.txt");
    out.println("  aws --profile alice --endpoint-url " + s3 + " s3 cp s3://" + bucket + "/" + Demo.SALES
        + "/data/hello.txt -");
    out.println("  aws --profile alice --endpoint-url " + s3 + " s3 ls s3://" + bucket + "/" + Demo.PAYROLL
        + "/   # refused: not alice's");
    out.println("  " + settings.lakeFSSts() + " token get --endpoint " + service.endpoint() + " --repository "
        + Demo.SALES + " --access read --renewer alice alice.token");
    out.println("  export LAKEFS_SECRET_ACCESS_KEY=" + ALICE_SECRET + "; spark-submit --properties-file " + sparkOptions
        + " ...   # add the jars: spark-integration/README.md");
    out.println("(lakefs-sts needs `mvn -pl cli -am package -DskipTests` once; demo/sandbox does it.)");
    out.println("Logs: " + settings.workDir());
    out.println();
    out.println(READY);
    out.flush();
  }

  /** Stops what was started, last first. */
  @Override
  public void close() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }
}
