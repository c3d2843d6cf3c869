package io.lakefs.sts.testsupport;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class CloseablesTest {
  private final List<String> closed = new ArrayList<>();

  private AutoCloseable closing(String name) {
    return () -> closed.add(name);
  }

  private AutoCloseable failing(String name, Exception failure) {
    return () -> {
      closed.add(name);
      throw failure;
    };
  }

  @Test
  public void closesInTheOrderGivenSkippingNulls() throws Exception {
    Closeables.closeAll(closing("service"), null, closing("lakeFS"), closing("aws"));

    assertEquals(List.of("service", "lakeFS", "aws"), closed);
  }

  @Test
  public void closesEveryOneWhenSomeFailAndThrowsTheFirstWithTheOthersSuppressed() {
    Exception first = new IllegalStateException("service did not stop");
    Exception second = new IllegalStateException("aws did not stop");

    Exception thrown = assertThrows(Exception.class, () -> Closeables.closeAll(failing("service", first),
        closing("lakeFS"), failing("aws", second), closing("kdc")));

    assertSame(first, thrown);
    assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
    assertEquals(List.of("service", "lakeFS", "aws", "kdc"), closed);
  }
}
