package io.lakefs.sts.localaws.sts;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Records what local-aws logs (logback is the slf4j backend on the test classpath, via S3Proxy). */
final class LogCapture implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.lakefs.sts.localaws");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    quietHttpClients();
    appender.start();
    logger.addAppender(appender);
  }

  /**
   * Without a logback configuration everything logs at DEBUG, including the SDK's canonical requests and
   * the HTTP client's wire log, which would copy issued credentials into the test output.
   */
  static void quietHttpClients() {
    ((Logger) LoggerFactory.getLogger("org.apache")).setLevel(Level.INFO);
    ((Logger) LoggerFactory.getLogger("software.amazon.awssdk")).setLevel(Level.INFO);
  }

  /** Formatted messages plus any attached exception's text. */
  List<String> lines() {
    return appender.list.stream().map(e -> e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
        .collect(Collectors.toList());
  }

  String all() {
    return String.join("\n", lines());
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
