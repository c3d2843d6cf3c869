package io.lakefs.sts.service.lakefs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A small map whose entries expire a fixed time after they were put, and whose least recently used entry
 * goes when it is full. One lock: every miss costs a lakeFS call, which dwarfs any contention here.
 */
final class ExpiringCache<K, V> {
  private record Entry<V>(V value, long storedAtNanos) {
  }

  private final long ttlNanos;
  private final LongSupplier nanoTicker;
  private final Map<K, Entry<V>> entries;

  /**
   * @param ttl how long an entry lives; zero keeps nothing
   * @param nanoTicker nanoseconds from any fixed origin, like {@link System#nanoTime()}
   */
  ExpiringCache(Duration ttl, int maxEntries, LongSupplier nanoTicker) {
    if (ttl.isNegative() || maxEntries < 1) {
      throw new IllegalArgumentException("a cache needs a time to live of at least 0 and room for at least one"
          + " entry, got " + ttl + " and " + maxEntries);
    }
    this.ttlNanos = ttl.toNanos();
    this.nanoTicker = nanoTicker;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
        return size() > maxEntries;
      }
    };
  }

  synchronized Optional<V> get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (nanoTicker.getAsLong() - entry.storedAtNanos() >= ttlNanos) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  synchronized void put(K key, V value) {
    if (ttlNanos > 0) {
      entries.put(key, new Entry<>(value, nanoTicker.getAsLong()));
    }
  }

  synchronized void remove(K key) {
    entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }
}
