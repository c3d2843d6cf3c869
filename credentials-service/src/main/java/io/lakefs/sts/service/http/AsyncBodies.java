package io.lakefs.sts.service.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Reads a request body without holding a thread while it arrives (the servlet API's non-blocking input), within
 * a deadline and a size limit, then dispatches the request again to the same servlet with what it read. A caller
 * who sends a body slowly, or not at all, holds a connection but no thread, and only until the deadline.
 */
final class AsyncBodies {
  private static final String ATTRIBUTE = AsyncBodies.class.getName();

  private final Duration deadline;
  private final int maxBytes;

  /** What was read: the bytes, or the status and message of why there are none. */
  record Body(byte[] bytes, int failureStatus, String failure) {
    boolean failed() {
      return failure != null;
    }
  }

  AsyncBodies(Duration deadline, int maxBytes) {
    this.deadline = deadline;
    this.maxBytes = maxBytes;
  }

  /** The body an earlier dispatch of this request read; null on the first dispatch. */
  static Body read(HttpServletRequest request) {
    return (Body) request.getAttribute(ATTRIBUTE);
  }

  /** Starts reading; the servlet is called again once the body is read, too large, failed or late. */
  void readThenDispatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
    AsyncContext async = request.startAsync(request, response);
    async.setTimeout(deadline.toMillis());
    ServletInputStream input = request.getInputStream();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicBoolean finished = new AtomicBoolean();
    Consumer<Body> finish = body -> {
      if (finished.compareAndSet(false, true)) {
        request.setAttribute(ATTRIBUTE, body);
        async.dispatch();
      }
    };
    async.addListener(new AsyncListener() {
      @Override
      public void onTimeout(AsyncEvent event) {
        finish.accept(new Body(null, HttpServletResponse.SC_REQUEST_TIMEOUT, "the request body did not arrive within "
            + deadline.toMillis() + " ms; send it whole with the request"));
      }

      @Override
      public void onComplete(AsyncEvent event) {
      }

      @Override
      public void onError(AsyncEvent event) {
      }

      @Override
      public void onStartAsync(AsyncEvent event) {
      }
    });
    input.setReadListener(new ReadListener() {
      private final byte[] buffer = new byte[4096];

      @Override
      public void onDataAvailable() throws IOException {
        while (!finished.get() && input.isReady()) {
          int read = input.read(buffer);
          if (read < 0) {
            return;
          }
          bytes.write(buffer, 0, read);
          if (bytes.size() > maxBytes) {
            finish.accept(new Body(null, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "the request body is over "
                + maxBytes + " bytes; a credentials request only names repositories and an access level"));
          }
        }
      }

      @Override
      public void onAllDataRead() {
        finish.accept(new Body(bytes.toByteArray(), 0, null));
      }

      @Override
      public void onError(Throwable failure) {
        finish.accept(new Body(null, HttpServletResponse.SC_BAD_REQUEST, "the request body could not be read ("
            + failure.getClass().getSimpleName() + "); send it whole with the request"));
      }
    });
  }
}
