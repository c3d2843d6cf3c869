package io.lakefs.sts.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand over a loopback socket, for what well-behaved clients will not send: any method,
 * any header combination, a body announced and never sent. Each request closes its connection.
 */
final class RawHttp {
  private static final int READ_TIMEOUT_MILLIS = 15_000;

  private RawHttp() {
  }

  /** An answer: the status, the header lines as sent, the body. */
  record Answer(int status, List<String> headers, String body) {
    /** Values of a header, by case-insensitive name. */
    List<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).trim()).toList();
    }
  }

  /**
   * Sends {@code method target} with the given header lines ({@code Host} and {@code Connection: close} are
   * added) and body, and reads the answer to its end.
   */
  static Answer send(URI endpoint, String method, String target, List<String> headers, String body)
      throws IOException {
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
          .append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n")
          .append("Connection: close\r\n");
      headers.forEach(line -> request.append(line).append("\r\n"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (!body.isEmpty()) {
        request.append("Content-Length: ").append(bytes.length).append("\r\n");
      }
      request.append("\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no complete HTTP answer: " + raw);
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
    String body = raw.substring(end + 4);
    if (headers.stream().anyMatch(h -> h.equalsIgnoreCase("Transfer-Encoding: chunked"))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
