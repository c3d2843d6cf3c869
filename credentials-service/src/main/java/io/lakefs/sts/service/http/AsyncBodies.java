package io.lakefs.sts.service.http;

import io.lakefs.sts.service.issuance.Refusal;
import io.lakefs.sts.protocol.RefusalReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body without holding a thread while it arrives (the servlet API's non-blocking input), within
 * a deadline and a size limit, then starts the answer with what it read on the thread that finished reading, and
 * completes the request once the answer says it is written (later, when it waits for another caller's STS call).
 * A caller who sends a body slowly, or not at all, holds a connection but no thread, and only until the deadline.
 * The answer is not dispatched again to the servlet: while Jetty stops, such a dispatch can go unhandled and answer
 * an empty 200.
 */
final class AsyncBodies {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncBodies.class);
  private static final int READ_CHUNK = 4096;
  /** Stands for a body that missed its deadline; the refusal saying so is made only then. */
  private static final Body LATE = new Body(null, null);
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
    /** Starts answering; the stage completes once the answer is written, now or later. */
    CompletionStage<?> answer(Body body);
  }

  /** Starts reading; {@code answer} runs once, when the body is read, too large, failed or late. */
  void readThenAnswer(HttpServletRequest request, HttpServletResponse response, Answer answer) throws IOException {
    AsyncContext async = request.startAsync(request, response);
    // No container timeout: it would also cut off an answer still waiting for STS, which bounds its own wait.
    async.setTimeout(0);
    ServletInputStream input = request.getInputStream();
    // Sized by the declared length (Jetty ends a body at its Content-Length), so a body is copied once, not grown;
    // but never more than a chunk ahead of what arrives, whatever a caller declares and then does not send.
    int declared = request.getContentLength();
    int expected = declared >= 0 && declared <= READ_CHUNK ? declared : READ_CHUNK;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(expected);
    CompletableFuture<Body> arrived = new CompletableFuture<>();
    arrived.completeOnTimeout(LATE, deadline.toMillis(), TimeUnit.MILLISECONDS);
    arrived.thenAccept(body -> {
      CompletionStage<?> answered;
      try {
        answered = answer.answer(body == LATE ? new Body(null, new Refusal(RefusalReason.BODY_TIMEOUT,
            "the request body did not arrive within " + deadline.toMillis() + " ms; send it whole with the request"))
            : body);
      } catch (RuntimeException e) {
        answered = CompletableFuture.failedFuture(e);
      }
      answered.whenComplete((done, failure) -> {
        if (failure != null) {
          LOG.warn("Could not answer a credentials request", failure);
          answerFailure(response);
        }
        async.complete();
      });
    });
    input.setReadListener(new ReadListener() {
      // One more byte than declared, so the read that finds the end needs no second round.
      private final byte[] buffer = new byte[Math.min(expected + 1, READ_CHUNK)];

      @Override
      public void onDataAvailable() throws IOException {
        while (!arrived.isDone() && input.isReady()) {
          int read = input.read(buffer);
          if (read < 0) {
            return;
          }
          bytes.write(buffer, 0, read);
          if (bytes.size() > maxBytes) {
            arrived.complete(new Body(null, new Refusal(RefusalReason.BODY_TOO_LARGE, "the request body is over "
                + maxBytes + " bytes; a credentials request only names repositories and an access level")));
          }
        }
      }

      @Override
      public void onAllDataRead() {
        arrived.complete(new Body(bytes.toByteArray(), null));
      }

      @Override
      public void onError(Throwable failure) {
        arrived.complete(new Body(null, new Refusal(RefusalReason.UNREADABLE_BODY, "the request body could not be"
            + " read (" + failure.getClass().getSimpleName() + "); send it whole with the request")));
      }
    });
  }
}
