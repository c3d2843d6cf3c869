package io.lakefs.sts.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * HTTP/1.1 written by hand on a loopback socket, for what well-behaved clients will not send: any method, any header
 * combination, a body announced and never sent, bytes no client library would let through. The answer is read raw;
 * every request closes its connection.
 */
public final class RawHttp {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private RawHttp() {
  }

  /** An answer: the status, the header lines as sent, the body as text. */
  public record Answer(int status, List<String> headers, String body) {
    public Answer {
      headers = List.copyOf(headers);
    }

    /** Every value of a header, by case-insensitive name, in the order sent. */
    public List<String> values(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).trim()).toList();
    }

    /** The last value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
      List<String> values = values(name);
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /**
     * Status, headers and the start of the body, with cookies, tokens, credentials and echoed Authorization headers
     * redacted: a test's own log must pass the secret scan whatever the service answered.
     */
    @Override
    public String toString() {
      String shown = headers.stream()
          .map(line -> line.toLowerCase(Locale.ROOT).startsWith("set-cookie:")
              ? line.replaceFirst("=[^;]*", "=<redacted>") : line)
          .collect(Collectors.joining(", ", "[", "]"));
      String redacted = body.replaceAll("\"(urlString|secret_access_key|session_token)\"\\s*:\\s*\"[^\"]*\"",
          "\"$1\":\"<redacted>\"").replaceAll("(?i)(authorization: \\w+ )\\S+", "$1<redacted>");
      return status + " " + shown + " " + (redacted.length() > 300 ? redacted.substring(0, 300) + "..." : redacted);
    }
  }

  /** Thrown when the server closed or stayed silent without a status line: no answer, not a 5xx. */
  public static final class NoAnswer extends IOException {
    NoAnswer(String message) {
      super(message);
    }
  }

  /**
   * Sends {@code method target} with the given header lines ({@code Host}, {@code Connection: close} and, for a
   * body, {@code Content-Length} are added) and body, and reads the answer to its end (15 s at most).
   */
  public static Answer send(URI endpoint, String method, String target, List<String> headers, String body)
      throws IOException {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n")
        .append("Connection: close");
    headers.forEach(line -> head.append("\r\n").append(line));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!body.isEmpty()) {
      head.append("\r\nContent-Length: ").append(bytes.length);
    }
    return send(endpoint, head.toString(), bytes, DEFAULT_TIMEOUT);
  }

  /**
   * Sends {@code head} (the request line and headers, CRLF-separated, without the blank line; see
   * {@link #request}) and {@code body} exactly as given, and reads the answer until the server closes or
   * {@code timeout} passes.
   */
  public static Answer send(URI endpoint, String head, byte[] body, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before reading everything (an oversized request): read what it said.
      }
      return read(socket.getInputStream());
    }
  }

  /** A request head to a loopback server: the request line, {@code Host}, {@code Connection: close}, then these. */
  public static String request(String method, String target, String... headers) {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Connection: close");
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    return head.toString();
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        raw.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      if (raw.size() == 0) {
        throw new NoAnswer("no answer before the timeout");
      }
    } catch (IOException e) {
      if (raw.size() == 0) {
        throw new NoAnswer("the connection ended without an answer: " + e.getMessage());
      }
    }
    String text = raw.toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) {
      throw new NoAnswer("not an HTTP answer: " + text.substring(0, Math.min(80, text.length())));
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<String> headers = List.of(lines).subList(1, lines.length);
    String body = text.substring(end + 4);
    Answer framing = new Answer(status, headers, "");
    if (framing.header("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent()) {
      body = dechunk(body);
    }
    return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
