package io.lakefs.sts.localaws.s3;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON line per S3 request, naming who made it the way S3 server access logs ("Requester",
 * "Operation") and CloudTrail ("sessionContext.sourceIdentity") do: this is where an audit sees that
 * a request was made for a given lakeFS user.
 */
public final class AccessLog implements Closeable {
  private final Optional<BufferedWriter> out;
  private final JsonMapper json = JsonMapper.builder().build();

  private AccessLog(Optional<BufferedWriter> out) {
    this.out = out;
  }

  public static AccessLog toFile(Path file) throws IOException {
    return new AccessLog(Optional.of(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
  }

  public static AccessLog disabled() {
    return new AccessLog(Optional.empty());
  }

  /** One request. Never given a secret: only ids, names and outcomes. */
  public record Entry(String eventTime, String requestId, String remoteIp, String requester, String accessKeyId,
      String sessionName, String sourceIdentity, Map<String, String> sessionTags, String operation, String bucket,
      String key, int httpStatus, String errorCode) {
  }

  void write(Entry entry) {
    if (out.isEmpty()) {
      return;
    }
    Map<String, Object> fields = new TreeMap<>();
    fields.put("eventTime", entry.eventTime());
    fields.put("requestId", entry.requestId());
    fields.put("remoteIp", entry.remoteIp());
    fields.put("requester", entry.requester());
    fields.put("accessKeyId", entry.accessKeyId());
    fields.put("sessionName", entry.sessionName());
    fields.put("sourceIdentity", entry.sourceIdentity());
    fields.put("sessionTags", entry.sessionTags());
    fields.put("operation", entry.operation());
    fields.put("bucket", entry.bucket());
    fields.put("key", entry.key());
    fields.put("httpStatus", entry.httpStatus());
    fields.put("errorCode", entry.errorCode());
    String line = json.writeValueAsString(fields);
    BufferedWriter writer = out.get();
    synchronized (writer) {
      try {
        writer.write(line);
        writer.newLine();
        // Readers (tests, the demo) tail the file while requests run.
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the S3 access log", e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (out.isPresent()) {
      out.get().close();
    }
  }
}
