package io.lakefs.sts.reliability;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 written byte by byte on a socket, so a hostile request can be anything (no client library fixes it
 * up), and the answer read raw. Every request closes its connection.
 */
final class RawHttp {
  private RawHttp() {
  }

  /** An answer: status, headers by lower-case name (last wins), body as text. */
  record Response(int status, Map<String, String> headers, String body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Status, headers and the start of the body, with cookies, tokens, credentials and echoed Authorization
     * headers redacted: the harness's own log must pass the secret scan whatever the service answered.
     */
    @Override
    public String toString() {
      Map<String, String> shown = new LinkedHashMap<>(headers);
      shown.computeIfPresent("set-cookie", (name, cookie) -> cookie.replaceFirst("=[^;]*", "=<redacted>"));
      String redacted = body.replaceAll("\"(urlString|secret_access_key|session_token)\"\\s*:\\s*\"[^\"]*\"",
          "\"$1\":\"<redacted>\"").replaceAll("(?i)(authorization: \\w+ )\\S+", "$1<redacted>");
      return status + " " + shown + " " + (redacted.length() > 300 ? redacted.substring(0, 300) + "..." : redacted);
    }
  }

  /** Thrown when the server closed or stayed silent without a status line: no answer, not a 5xx. */
  static final class NoAnswer extends IOException {
    NoAnswer(String message) {
      super(message);
    }
  }

  /** {@code head} is the request line and headers, CRLF-separated, without the blank line. */
  static Response send(URI endpoint, String head, byte[] body, Duration timeout) throws IOException {
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

  static String request(String method, String target, String... headers) {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Connection: close");
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    return head.toString();
  }

  private static Response read(InputStream in) throws IOException {
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
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8));
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
