package io.lakefs.sts.localaws.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /_admin/faults} shows the fault knobs as JSON; {@code POST} with form fields changes them:
 * delayMillis, throttleFraction, down, regionDisabled, sessionLifetimeSeconds (empty to clear), reset=true.
 * An absent field stays unchanged; reset applies first, then the other fields. All fields are validated
 * before any is applied, and a refusal answers 400 with {"message": ...}.
 */
final class FaultsAdminHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StsServer.class);
  private static final long MAX_DELAY_MILLIS = 600_000;
  private static final Set<String> FIELDS = Set.of("delayMillis", "throttleFraction", "down", "regionDisabled",
      "sessionLifetimeSeconds", "reset");

  private final StsFaults faults;
  private final JsonMapper json = JsonMapper.builder().build();

  FaultsAdminHandler(StsFaults faults) {
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(64 * 1024);
    }
    try {
      switch (exchange.getRequestMethod()) {
        case "GET" -> send(exchange, 200, current());
        case "POST" -> {
          faults.update(change(FormParameters.parse(new String(body, StandardCharsets.UTF_8))));
          LOG.info("STS faults changed: {}", faults.settings());
          send(exchange, 200, current());
        }
        default -> send(exchange, 405, Map.of("message", "use GET to read the fault knobs or POST form fields to"
            + " change them, not " + exchange.getRequestMethod()));
      }
    } catch (IllegalArgumentException e) {
      send(exchange, 400, Map.of("message", e.getMessage()));
    } catch (StsError e) {
      send(exchange, 400, Map.of("message", "the form body is not valid application/x-www-form-urlencoded: "
          + e.getMessage()));
    }
  }

  /** Validates every field, then returns the change to apply atomically. */
  private static UnaryOperator<StsFaults.Settings> change(Map<String, String> form) {
    Set<String> unknown = new TreeSet<>(form.keySet());
    unknown.removeAll(FIELDS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown field(s) " + unknown + "; known fields are " + new TreeSet<>(FIELDS));
    }
    boolean reset = form.containsKey("reset") && bool(form, "reset");
    Optional<Duration> delay = Optional.ofNullable(form.get("delayMillis")).map(v -> {
      long millis = integer("delayMillis", v);
      if (millis < 0 || millis > MAX_DELAY_MILLIS) {
        throw new IllegalArgumentException("delayMillis must be within [0, " + MAX_DELAY_MILLIS + "], was " + v);
      }
      return Duration.ofMillis(millis);
    });
    Optional<Double> throttle = Optional.ofNullable(form.get("throttleFraction")).map(v -> {
      double fraction;
      try {
        fraction = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("throttleFraction must be a number within [0, 1], was '" + v + "'");
      }
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("throttleFraction must be within [0, 1], was " + v);
      }
      return fraction;
    });
    Optional<Boolean> down = form.containsKey("down") ? Optional.of(bool(form, "down")) : Optional.empty();
    Optional<Boolean> regionDisabled = form.containsKey("regionDisabled")
        ? Optional.of(bool(form, "regionDisabled")) : Optional.empty();
    Optional<Optional<Duration>> lifetime = Optional.ofNullable(form.get("sessionLifetimeSeconds")).map(v -> {
      if (v.isEmpty()) {
        return Optional.empty();
      }
      long seconds = integer("sessionLifetimeSeconds", v);
      if (seconds < 1) {
        throw new IllegalArgumentException("sessionLifetimeSeconds must be at least 1 (or empty to clear), was " + v);
      }
      return Optional.of(Duration.ofSeconds(seconds));
    });
    return current -> {
      StsFaults.Settings s = reset ? StsFaults.Settings.none() : current;
      s = delay.map(s::withDelay).orElse(s);
      s = throttle.map(s::withThrottleFraction).orElse(s);
      s = down.map(s::withDown).orElse(s);
      s = regionDisabled.map(s::withRegionDisabled).orElse(s);
      return lifetime.map(s::withSessionLifetime).orElse(s);
    };
  }

  private Map<String, Object> current() {
    StsFaults.Settings s = faults.settings();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("delayMillis", s.delay().toMillis());
    out.put("throttleFraction", s.throttleFraction());
    out.put("down", s.down());
    out.put("regionDisabled", s.regionDisabled());
    out.put("sessionLifetimeSeconds", s.sessionLifetime().map(Duration::toSeconds).orElse(null));
    return out;
  }

  private static long integer(String field, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a whole number, was '" + value + "'");
    }
  }

  private static boolean bool(Map<String, String> form, String field) {
    String value = form.get(field);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(field + " must be true or false, was '" + value + "'");
    };
  }

  private void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
