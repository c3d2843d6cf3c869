package io.lakefs.sts.hadoop.token;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.junit.Assume;
import org.junit.Test;

/** The identifier as Hadoop finds it: through the service loader, in token files that dtutil and YARN read. */
public class LakeFSTokenIdentifierServiceLoaderTest {

  private static Token<LakeFSTokenIdentifier> token(LakeFSTokenIdentifier id) {
    return new Token<>(id.getBytes(), "not-a-real-password".getBytes(), id.getKind(),
        new Text("lakefs-sts:warehouse"));
  }

  @Test
  public void tokenDecodesToTheIdentifierThroughTheServiceLoader() throws IOException {
    LakeFSTokenIdentifier id = LakeFSTokenIdentifierTest.full().build();

    TokenIdentifier decoded = token(id).decodeIdentifier();

    assertEquals(LakeFSTokenIdentifier.class, decoded.getClass());
    assertEquals(id, decoded);
  }

  @Test
  public void decodesWithoutTheAwsSdkOnTheClasspathAsTheYarnRmDoes() throws IOException {
    // The pom runs this class in an execution whose classpath excludes the SDK (the other tests need it), and
    // says so in this property; a -Dtest=... run also runs it in the default execution, where it cannot hold.
    Assume.assumeTrue("runs in the without-aws-sdk surefire execution",
        Boolean.getBoolean("lakefs.sts.test.without-aws-sdk"));
    try {
      Class.forName("software.amazon.awssdk.core.SdkBytes");
      throw new AssertionError("the AWS SDK is on the test classpath; this test no longer shows the identifier is SDK-free");
    } catch (ClassNotFoundException expected) {
      // as on the RM
    }
    LakeFSTokenIdentifier id = LakeFSTokenIdentifierTest.full().build();
    assertEquals(id, token(id).decodeIdentifier());
  }

  @Test
  public void tokenRoundTripsThroughATokenStorageFile() throws IOException {
    LakeFSTokenIdentifier id = LakeFSTokenIdentifierTest.full().build();
    Credentials written = new Credentials();
    Text alias = new Text("lakefs-sts:warehouse");
    written.addToken(alias, token(id));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(file)) {
      written.writeTokenStorageToStream(out);
    }

    Credentials read = new Credentials();
    read.readTokenStorageStream(new DataInputStream(new ByteArrayInputStream(file.toByteArray())));

    Token<? extends TokenIdentifier> token = read.getToken(alias);
    assertEquals(LakeFSTokenIdentifier.kind(), token.getKind());
    assertEquals(id, token.decodeIdentifier());
    // Token.toString() is what `hadoop dtutil print` shows: it decodes through our toString, with no secret.
    String printed = token.toString();
    assertTrue(printed, printed.contains("lakeFSUser=alice"));
    LakeFSTokenIdentifierTest.assertNoSecret(printed);
  }
}
