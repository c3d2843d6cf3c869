package io.lakefs.sts.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutation fuzzer: each input is a genuine one (a token, a request body) with a few random edits (bit
 * flips, inserted, deleted or repeated bytes, cuts, splices of another seed, interesting values), so most
 * inputs get past the first parser and reach deeper code. The same seed gives the same inputs.
 */
final class Mutator {
  private static final List<byte[]> INTERESTING = List.of("\"".getBytes(StandardCharsets.UTF_8),
      "{".getBytes(StandardCharsets.UTF_8), "[".repeat(64).getBytes(StandardCharsets.UTF_8),
      "\\u0000".getBytes(StandardCharsets.UTF_8), "%".getBytes(StandardCharsets.UTF_8),
      "99999999999999999999".getBytes(StandardCharsets.UTF_8), "-1".getBytes(StandardCharsets.UTF_8),
      new byte[] {0}, new byte[] {(byte) 0xff, (byte) 0xfe}, new byte[] {(byte) 0x7f, (byte) 0xff, (byte) 0xff,
      (byte) 0xff}, "null".getBytes(StandardCharsets.UTF_8), "&".getBytes(StandardCharsets.UTF_8));

  private final Random random;
  private final List<byte[]> seeds;

  Mutator(long seed, List<byte[]> seeds) {
    this.random = new Random(seed);
    this.seeds = List.copyOf(seeds);
  }

  /** The next input: a seed with one to four edits. */
  byte[] next() {
    byte[] input = seeds.get(random.nextInt(seeds.size()));
    for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
      input = edit(input);
    }
    return input;
  }

  /** The next input limited to {@code alphabet}, for places (header values, query strings) that take only text. */
  String nextText(String alphabet) {
    byte[] input = next();
    char[] out = new char[input.length];
    for (int i = 0; i < input.length; i++) {
      char c = (char) (input[i] & 0xff);
      out[i] = alphabet.indexOf(c) >= 0 ? c : alphabet.charAt((input[i] & 0xff) % alphabet.length());
    }
    return new String(out);
  }

  private byte[] edit(byte[] input) {
    int at = input.length == 0 ? 0 : random.nextInt(input.length);
    switch (random.nextInt(7)) {
      case 0 -> {
        if (input.length > 0) {
          byte[] out = input.clone();
          out[at] ^= (byte) (1 << random.nextInt(8));
          return out;
        }
        return input;
      }
      case 1 -> {
        return splice(input, at, at, new byte[] {(byte) random.nextInt(256)});
      }
      case 2 -> {
        return splice(input, at, Math.min(input.length, at + 1 + random.nextInt(8)), new byte[0]);
      }
      case 3 -> {
        return Arrays.copyOf(input, at);
      }
      case 4 -> {
        byte[] other = seeds.get(random.nextInt(seeds.size()));
        int from = other.length == 0 ? 0 : random.nextInt(other.length);
        return splice(input, at, input.length, Arrays.copyOfRange(other, from, other.length));
      }
      case 5 -> {
        return splice(input, at, at, INTERESTING.get(random.nextInt(INTERESTING.size())));
      }
      default -> {
        int length = Math.min(input.length - at, 1 + random.nextInt(16));
        byte[] piece = Arrays.copyOfRange(input, at, at + length);
        return splice(input, at, at, piece.length == 0 ? piece : repeat(piece, 1 + random.nextInt(64)));
      }
    }
  }

  private static byte[] splice(byte[] input, int from, int to, byte[] replacement) {
    byte[] out = new byte[input.length - (to - from) + replacement.length];
    System.arraycopy(input, 0, out, 0, from);
    System.arraycopy(replacement, 0, out, from, replacement.length);
    System.arraycopy(input, to, out, from + replacement.length, input.length - to);
    return out;
  }

  private static byte[] repeat(byte[] piece, int times) {
    byte[] out = new byte[piece.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(piece, 0, out, i * piece.length, piece.length);
    }
    return out;
  }
}
