package io.lakefs.sts.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** local-aws's S3 access log (one JSON object a line), read the way an auditor reads S3 server access logs. */
final class AccessLogView {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> lines;
  private final List<JsonNode> entries;

  private AccessLogView(List<String> lines) {
    this.lines = List.copyOf(lines);
    this.entries = lines.stream().map(AccessLogView::parse).collect(Collectors.toList());
  }

  /** The lines after the first {@code skip}, i.e. those a step added. */
  static AccessLogView of(List<String> allLines, int skip) {
    return new AccessLogView(allLines.subList(Math.min(skip, allLines.size()), allLines.size()));
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("local-aws wrote an access-log line that is not JSON: " + line, e);
    }
  }

  /** The requests on keys under {@code prefix}. */
  AccessLogView under(String prefix) {
    return filter(e -> e.path("key").asText("").startsWith(prefix));
  }

  AccessLogView filter(Predicate<JsonNode> keep) {
    List<String> kept = new java.util.ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (keep.test(entries.get(i))) {
        kept.add(lines.get(i));
      }
    }
    return new AccessLogView(kept);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int size() {
    return entries.size();
  }

  List<String> lines() {
    return lines;
  }

  /** Distinct values of a field, e.g. {@code sessionName}. */
  List<String> distinct(String field) {
    return entries.stream().map(e -> e.path(field).asText("")).distinct().sorted().collect(Collectors.toList());
  }

  boolean all(Predicate<JsonNode> test) {
    return entries.stream().allMatch(test);
  }

  /** Session tags as {@code key=value} pairs, from the first entry that has any. */
  String sessionTags() {
    return entries.stream().map(e -> e.path("sessionTags")).filter(JsonNode::isObject).findFirst()
        .map(tags -> {
          Map<String, String> sorted = new TreeMap<>();
          tags.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue().asText()));
          return sorted.entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(", "));
        })
        .orElse("none");
  }

  /** How many requests of each operation and status, e.g. {@code REST.PUT.OBJECT 200: 12}. */
  String operationCounts() {
    Map<String, Long> counts = entries.stream().collect(Collectors.groupingBy(
        e -> e.path("operation").asText() + " " + e.path("httpStatus").asText(), TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream().map(c -> c.getKey() + ": " + c.getValue()).collect(Collectors.joining(", "));
  }
}
