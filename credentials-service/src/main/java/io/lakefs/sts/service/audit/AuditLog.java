package io.lakefs.sts.service.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per issuance, token operation and denial, on the logger {@code lakefs.sts.audit} (route it
 * to its own appender in the logging configuration). Lines name who, how they authenticated, what was granted
 * and until when, and the access key id that S3 and CloudTrail logs will show; they never hold a secret
 * key, session token or token password, because callers can only hand it {@link AuditEvent}s, which have
 * no field for one.
 *
 * <p>Request threads only enqueue: one writer thread renders and logs, so a slow or locked appender never
 * convoys the requests. The queue is bounded and never drops a line: when it is full, {@link #record} waits
 * for room (back-pressure). {@link #close} writes every line still queued before it returns.
 */
public final class AuditLog implements AutoCloseable {
  /** Lines queued before request threads wait; a burst far above what one writer drains between requests. */
  static final int QUEUE_CAPACITY = 4096;
  private static final Logger AUDIT = LoggerFactory.getLogger("lakefs.sts.audit");
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final Timed STOP = new Timed(null, null);
  /** Room for a typical line (an issuance with a few grants), so that writing one seldom grows its buffer. */
  private static final int LINE_CAPACITY = 512;

  private final Clock clock;
  private final BlockingQueue<Timed> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread writer;
  private final AtomicBoolean warnedFull = new AtomicBoolean();
  private volatile boolean closed;

  public AuditLog(Clock clock) {
    this.clock = clock;
    this.writer = new Thread(this::writeUntilStopped, "audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  private AuditLog(Clock clock, boolean closed) {
    this.clock = clock;
    this.writer = null;
    this.closed = closed;
  }

  /**
   * A log that writes each line on the caller's thread, for hadoop-auth's scheme handlers: Hadoop creates them by
   * reflection and never closes them, so a queue of theirs could hold lines when the service exits. They write
   * only refusals, off the hot path.
   */
  public static AuditLog onCallersThread(Clock clock) {
    return new AuditLog(clock, true);
  }

  /** Queues the line, waiting while the queue is full; after {@link #close}, writes it on the caller's thread. */
  public void record(AuditEvent event) {
    Timed line = new Timed(clock.instant(), event);
    if (closed) {
      write(line);
      return;
    }
    if (!queue.offer(line)) {
      if (!warnedFull.getAndSet(true)) {
        LOG.warn("The audit queue is full ({} lines): requests wait for the audit writer, whose appender is slower"
            + " than the requests come; give logger lakefs.sts.audit a faster destination (a local file)",
            QUEUE_CAPACITY);
      }
      putWaiting(line);
    }
    if (closed) {
      drain(); // close() may have drained before this line arrived
    }
  }

  private void putWaiting(Timed line) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          queue.put(line);
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the line must still be written: keep waiting, restore the flag after
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Writes every queued line, then stops the writer. Lines recorded afterwards are written synchronously. */
  @Override
  public void close() throws InterruptedException {
    if (writer == null) {
      return;
    }
    closed = true;
    queue.put(STOP);
    writer.join(TimeUnit.SECONDS.toMillis(30));
    drain(); // lines enqueued behind STOP, or left if the writer timed out
  }

  private void drain() {
    for (Timed line; (line = queue.poll()) != null;) {
      if (line != STOP) {
        write(line);
      }
    }
  }

  private void writeUntilStopped() {
    while (true) {
      Timed line;
      try {
        line = queue.take();
      } catch (InterruptedException e) {
        continue; // only close() stops the writer, so that nothing queued is lost
      }
      if (line == STOP) {
        return;
      }
      try {
        write(line);
      } catch (RuntimeException e) {
        LOG.error("could not write an audit line for event {}", line.event().fields().get("event"), e);
      }
    }
  }

  /**
   * One JSON object, the fields in their order; written by hand (the values are strings, numbers and lists of
   * strings, escaped by Jackson's encoder) because a generator per line cost a quarter of a request's allocation.
   */
  private void write(Timed line) {
    StringBuilder out = new StringBuilder(LINE_CAPACITY).append("{\"time\":\"").append(line.time()).append('"');
    for (Map.Entry<String, Object> field : line.event().fields().entrySet()) {
      out.append(',');
      appendString(out, field.getKey());
      out.append(':');
      appendValue(out, field.getValue());
    }
    AUDIT.info(out.append('}').toString());
  }

  private static void appendValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Number) {
      out.append(value);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        appendValue(out, list.get(i));
      }
      out.append(']');
    } else {
      appendString(out, value.toString());
    }
  }

  private static void appendString(StringBuilder out, String text) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }

  /** An event and when it happened (taken on the request thread, not when the writer gets to it). */
  private record Timed(Instant time, AuditEvent event) {
  }
}
