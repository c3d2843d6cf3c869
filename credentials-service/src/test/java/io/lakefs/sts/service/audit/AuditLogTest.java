package io.lakefs.sts.service.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.LogCapture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

public class AuditLogTest {
  private static final Pattern LINE = Pattern.compile("\"reason\":\"burst-(\\d+)-(\\d+)\"");

  @Test
  public void aBurstAboveTheQueueLosesNoLineAndCloseWritesTheRest() throws Exception {
    int threads = 4;
    int perThread = AuditLog.QUEUE_CAPACITY / 2; // twice the queue in all: some callers must wait for room
    try (LogCapture log = new LogCapture()) {
      AuditLog audit = new AuditLog(Clock.systemUTC());
      ExecutorService callers = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(callers.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            audit.record(AuditEvent.denied(new AuditEvent.Caller("alice", "basic", "127.0.0.1"), "credentials", 400,
                "burst-" + thread + "-" + i));
          }
        }));
      }
      for (Future<?> caller : done) {
        caller.get();
      }
      callers.shutdown();
      audit.close();
      audit.record(AuditEvent.denied(new AuditEvent.Caller("bob", "basic", "127.0.0.1"), "credentials", 400,
          "after-close"));

      boolean[][] seen = new boolean[threads][perThread];
      int lines = 0;
      for (Matcher m = LINE.matcher(log.text()); m.find(); lines++) {
        seen[Integer.parseInt(m.group(1))][Integer.parseInt(m.group(2))] = true;
      }
      assertEquals(threads * perThread, lines);
      for (boolean[] thread : seen) {
        for (boolean line : thread) {
          assertTrue("an audit line was lost", line);
        }
      }
      assertTrue("a line recorded after close() is written at once", log.text().contains("\"reason\":\"after-close\""));
    }
  }
}
