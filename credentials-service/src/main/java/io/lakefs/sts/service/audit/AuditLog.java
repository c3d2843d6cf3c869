package io.lakefs.sts.service.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per issuance, token operation and denial, on the logger {@code lakefs.sts.audit} (route it
 * to its own file in the logging configuration). Lines name who, how they authenticated, what was granted
 * and until when, and the access key id that S3 and CloudTrail logs will show; they never hold a secret
 * key, session token or token password, because callers can only hand it {@link AuditEvent}s, which have
 * no field for one.
 */
public final class AuditLog {
  private static final Logger AUDIT = LoggerFactory.getLogger("lakefs.sts.audit");
  private final ObjectMapper json = new ObjectMapper();
  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  public void record(AuditEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.putAll(event.fields());
    try {
      AUDIT.info(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit event cannot be written as JSON: " + event.fields().keySet(), e);
    }
  }
}
