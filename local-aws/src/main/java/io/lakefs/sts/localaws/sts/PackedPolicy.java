package io.lakefs.sts.localaws.sts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * A deterministic stand-in for STS's packed size of session policy and session tags. AWS compresses both
 * into the session token with a format and limit it does not publish, and reports the result as a
 * percentage (PackedPolicySize) that fails the call above 100. Here the packed form is the DEFLATE of the
 * whitespace-free policy followed by the tags sorted by key, and {@link #LIMIT_BYTES} is 100%: small
 * policies land in single-digit percentages as on AWS, and enough long tags go over the limit.
 */
final class PackedPolicy {
  /** Compressed bytes that count as 100% of the allotted space. */
  static final int LIMIT_BYTES = 2048;

  /** Percentages of the limit used by the policy alone, the tags alone, and both together. */
  record Size(int policyPercent, int tagsPercent, int totalPercent) {
    boolean tooLarge() {
      return totalPercent > 100;
    }

    /** AWS's two messages, chosen by which part takes more room. */
    String refusal() {
      return tagsPercent > policyPercent
          ? "Packed size of session tags consumes " + totalPercent + "% of allotted space."
          : "Packed policy consumes " + totalPercent + "% of allotted space, please use smaller policy.";
    }
  }

  private PackedPolicy() {
  }

  static Size of(Optional<String> policyJson, Map<String, String> tags, Set<String> transitiveTagKeys) {
    String policy = policyJson.map(PackedPolicy::minify).orElse("");
    String packedTags = packTags(tags, transitiveTagKeys);
    return new Size(percent(policy), percent(packedTags), percent(policy + "\u0000" + packedTags));
  }

  private static String packTags(Map<String, String> tags, Set<String> transitiveTagKeys) {
    TreeMap<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sorted.putAll(tags);
    StringBuilder out = new StringBuilder();
    sorted.forEach((key, value) -> out.append(key).append('=').append(value)
        .append(transitiveTagKeys.contains(key.toLowerCase(Locale.ROOT)) ? "*" : "").append('\u0000'));
    return out.toString();
  }

  private static int percent(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return (int) Math.ceil(out.size() * 100.0 / LIMIT_BYTES);
    } finally {
      deflater.end();
    }
  }

  /** Drops whitespace outside JSON strings, so indentation does not count against the caller. */
  static String minify(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    boolean escaped = false;
    for (char c : json.toCharArray()) {
      if (inString) {
        out.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
