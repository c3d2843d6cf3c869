package io.lakefs.sts.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.protocol.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.URI;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.apache.hadoop.security.token.TokenRenewer;
import org.junit.Assume;
import org.junit.Test;

/**
 * What the YARN RM of this line does with a lakeFS token, on a classpath holding this line's Hadoop and
 * hadoop-aws but no AWS SDK at all (the pom runs this class in an execution of its own): reads it from a
 * token storage file, decodes its identifier through the service loader, and finds its renewer.
 */
public class IdentifierWithoutAwsSdkTest {
  @Test
  public void theRmDecodesTheTokenAndFindsItsRenewerWithoutAnAwsSdk() throws Exception {
    // A -Dtest=... run also runs this class in the default execution, where the SDK is present.
    Assume.assumeTrue("runs in the without-aws-sdk surefire execution",
        Boolean.getBoolean("lakefs.sts.test.without-aws-sdk"));
    Line.assertRunningOnTheLine();
    assertThrows(ClassNotFoundException.class, () -> Class.forName("software.amazon.awssdk.core.SdkBytes"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.amazonaws.auth.AWSCredentials"));
    LakeFSTokenIdentifier id = LakeFSTokenIdentifier.builder()
        .owner("alice@EXAMPLE.COM").renewer("yarn").uri(URI.create("s3a://bucket"))
        .lakeFSUser("alice").serviceEndpoints(List.of(URI.create("https://sts.example.com:8443")))
        .serviceToken(Secret.of("service-token-not-a-real-one"))
        .scope(List.of("s3://bucket/repo1/ write"))
        .credentials(new EmbeddedStsCredentials("ASIAEXAMPLE", Secret.of("secret-key-not-real"),
            Secret.of("session-token-not-real"), 1_800_000_000_000L))
        .build();
    Credentials written = new Credentials();
    Text alias = new Text("s3a://bucket");
    written.addToken(alias, new Token<>(id.getBytes(), new byte[0], id.getKind(), alias));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(file)) {
      written.writeTokenStorageToStream(out);
    }

    Credentials read = new Credentials();
    read.readTokenStorageStream(new DataInputStream(new ByteArrayInputStream(file.toByteArray())));
    Token<? extends TokenIdentifier> token = read.getToken(alias);

    assertEquals(id, token.decodeIdentifier());
    assertTrue("Hadoop found no renewer for the token", token.isManaged());
    String printed = token.toString();
    assertTrue(printed, printed.contains("lakeFSUser=alice"));
    assertTrue(printed, !printed.contains("secret-key-not-real") && !printed.contains("service-token-not-a-real-one"));
    assertEquals("io.lakefs.sts.hadoop.token.LakeFSTokenRenewer",
        java.util.ServiceLoader.load(TokenRenewer.class).stream()
            .map(p -> p.type().getName()).filter(n -> n.startsWith("io.lakefs")).findFirst().orElse("none"));
  }
}
