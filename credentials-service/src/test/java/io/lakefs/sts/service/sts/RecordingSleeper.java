package io.lakefs.sts.service.sts;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the backoff pauses instead of waiting them out. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> pauses = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    pauses.add(duration);
  }
}
