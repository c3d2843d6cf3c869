package io.lakefs.sts.service.http;

import io.lakefs.sts.service.issuance.Refusal;
import io.lakefs.sts.protocol.RefusalReason;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body without holding a thread while it arrives (the servlet API's non-blocking input), within
 * a deadline and a size limit, then answers with what it read on the thread that finished reading, and completes
 * the request. A caller who sends a body slowly, or not at all, holds a connection but no thread, and only until
 * the deadline. The answer is not dispatched again to the servlet: while Jetty stops, such a dispatch can go
 * unhandled and answer an empty 200.
 */
final class AsyncBodies {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncBodies.class);
  private final Duration deadline;
  private final int maxBytes;

  /** What was read: the bytes, or the refusal that says why there are none. */
  record Body(byte[] bytes, Refusal failure) {
    boolean failed() {
      return failure != null;
    }
  }

  AsyncBodies(Duration deadline, int maxBytes) {
    this.deadline = deadline;
    this.maxBytes = maxBytes;
  }

  private static void answerFailure(HttpServletResponse response) {
    if (!response.isCommitted()) {
      try {
        Json.write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
            Json.message("the service could not answer this request; its log says why"));
      } catch (IOException e) {
        LOG.debug("The caller is gone", e);
      }
    }
  }

  /** Answers a request once its body is read, too large, failed or late. */
  interface Answer {
    void answer(Body body) throws IOException;
  }

  /** Starts reading; {@code answer} runs once, when the body is read, too large, failed or late. */
  void readThenAnswer(HttpServletRequest request, HttpServletResponse response, Answer answer) throws IOException {
    AsyncContext async = request.startAsync(request, response);
    async.setTimeout(deadline.toMillis());
    ServletInputStream input = request.getInputStream();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicBoolean finished = new AtomicBoolean();
    Consumer<Body> finish = body -> {
      if (finished.compareAndSet(false, true)) {
        try {
          answer.answer(body);
        } catch (IOException | RuntimeException e) {
          LOG.warn("Could not answer a credentials request", e);
          answerFailure(response);
        } finally {
          async.complete();
        }
      }
    };
    async.addListener(new AsyncListener() {
      @Override
      public void onTimeout(AsyncEvent event) {
        finish.accept(new Body(null, new Refusal(RefusalReason.BODY_TIMEOUT, "the request body did not arrive within "
            + deadline.toMillis() + " ms; send it whole with the request")));
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
            finish.accept(new Body(null, new Refusal(RefusalReason.BODY_TOO_LARGE, "the request body is over "
                + maxBytes + " bytes; a credentials request only names repositories and an access level")));
          }
        }
      }

      @Override
      public void onAllDataRead() {
        finish.accept(new Body(bytes.toByteArray(), null));
      }

      @Override
      public void onError(Throwable failure) {
        finish.accept(new Body(null, new Refusal(RefusalReason.UNREADABLE_BODY, "the request body could not be read ("
            + failure.getClass().getSimpleName() + "); send it whole with the request")));
      }
    });
  }
}
