package io.lakefs.sts.hadoop.s3a;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.ServiceFixture;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * S3A with write credentials from the service, writing where lakeFS places objects ({@code <namespace>/data/}),
 * as lakeFSFS's simple mode does through it. The grant has neither s3:DeleteObject nor
 * s3:ListBucketMultipartUploads, and S3A needs neither: a multipart upload completes, the object reads back,
 * and local-aws's log holds no listing of uploads. Writes into {@code _lakefs/} or beside {@code data/}, and
 * deletes, are S3's AccessDenied.
 */
public class LakeFSLayoutS3ATest {
  private static final int FIVE_MIB = 5 * 1024 * 1024;
  private static ServiceFixture fixture;

  @BeforeClass
  public static void start() throws Exception {
    fixture = ServiceFixture.startWithoutKerberos(null);
  }

  @AfterClass
  public static void stop() throws Exception {
    ServiceFixture.stop(fixture);
  }

  @Test
  public void aMultipartUploadUnderDataNeedsNeitherDeleteNorListingUploads() throws Exception {
    Configuration conf = BindingConfs.driver(fixture);
    conf.set("fs.s3a.multipart.size", "5M");
    conf.set("fs.s3a.multipart.threshold", "5M");
    String key = ServiceFixture.REPO + "/data/gmultipart/big-object";
    byte[] data = new byte[2 * FIVE_MIB + 17];
    Arrays.fill(data, (byte) 'x');

    long length = asAlice(() -> {
      try (FileSystem fs = FileSystem.newInstance(fixture.path("").toUri(), conf)) {
        try (OutputStream out = fs.create(fixture.path(key), false)) {
          out.write(data);
        }
        try (InputStream in = fs.open(fixture.path(key))) {
          return (long) in.readAllBytes().length;
        }
      }
    });

    assertEquals(data.length, length);
    List<String> log = fixture.aws().accessLogLines();
    assertTrue("S3A uploaded in parts", log.stream().anyMatch(line -> line.contains("\"operation\":\"REST.POST.UPLOADS\"")
        && line.contains("\"key\":\"" + key + "\"") && line.contains("\"httpStatus\":200")));
    assertFalse("S3A listed the bucket's uploads", log.stream().anyMatch(line -> line.contains("REST.GET.UPLOADS")));
    // Neither the object nor a parent "directory" marker: S3A 3.4 keeps markers and deletes none on create.
    List<String> deletes = log.stream().filter(line -> line.contains("\"operation\":\"REST.DELETE")
        && (line.contains("gmultipart") || line.contains("\"key\":\"" + ServiceFixture.REPO + "/\"")
            || line.contains("\"key\":\"" + ServiceFixture.REPO + "/data/\""))).toList();
    assertEquals("S3A deleted something: " + deletes, List.of(), deletes);
  }

  @Test
  public void writesOutsideDataAndDeletesAreAccessDenied() throws Exception {
    Configuration conf = BindingConfs.driver(fixture);
    String committed = ServiceFixture.REPO + "/data/gabc123/committed";
    asAlice(() -> {
      try (FileSystem fs = FileSystem.newInstance(fixture.path("").toUri(), conf)) {
        try (OutputStream out = fs.create(fixture.path(committed), false)) {
          out.write(1);
        }
        for (String outside : List.of("/_lakefs/metarange-1", "/table/part-0", "-archive/data/x")) {
          assertThrows(outside, AccessDeniedException.class, () -> {
            try (OutputStream out = fs.create(fixture.path(ServiceFixture.REPO + outside), true)) {
              out.write(1);
            }
          });
        }
        assertThrows(AccessDeniedException.class, () -> fs.delete(fixture.path(committed), false));
        assertTrue(fs.exists(fixture.path(committed)));
        return 0L;
      }
    });
  }

  private static long asAlice(PrivilegedExceptionAction<Long> action) throws Exception {
    return UserGroupInformation.createRemoteUser("alice").doAs(action);
  }
}
