package keyward.server.transport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the listener logs, so tests can check a refusal is logged once and clearly. */
final class LogCapture implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger(TtlvTlsListener.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    logger.addAppender(appender);
  }

  /** Events at {@code level} or above whose text contains {@code fragment}. */
  List<ILoggingEvent> events(Level level, String fragment) {
    // AppenderBase.doAppend holds the appender's monitor while it adds to the list.
    synchronized (appender) {
      return appender.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(level))
          .filter(e -> e.getFormattedMessage().contains(fragment))
          .toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
