package io.lakefs.sts.compat;

import static org.junit.Assert.assertEquals;

import org.apache.hadoop.util.VersionInfo;

/** The line this module tests, as its pom names it: the Hadoop version, the S3A binding class, the AWS SDK. */
final class Line {
  private Line() {
  }

  static String hadoopVersion() {
    return property("lakefs.sts.line.hadoop");
  }

  /** The {@code fs.s3a.delegation.token.binding} class of this line. */
  static String binding() {
    return property("lakefs.sts.line.s3a.binding");
  }

  /** {@code v1} or {@code v2}: the AWS SDK this line's S3A runs on. */
  static String sdk() {
    return property("lakefs.sts.line.sdk");
  }

  /** Fails unless the Hadoop running the test is the line's: a test on the wrong classpath proves nothing. */
  static void assertRunningOnTheLine() {
    assertEquals("the Hadoop on this test's classpath", hadoopVersion(), VersionInfo.getVersion());
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isEmpty() || value.equals("unset")) {
      throw new IllegalStateException(name + " is not set: run these tests from a compat/ line module");
    }
    return value;
  }
}
