package io.lakefs.sts.service.lakefs;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A concurrent map whose entries expire a fixed time after they were loaded, with single flight: callers missing
 * one key at the same moment share one load (one lakeFS call), and each gets its value or its exception. Failures
 * are never kept. Bounded: when full, expired entries go first, then the oldest, a tenth of the room at a time so
 * a full cache is not scanned on every miss.
 */
final class ExpiringCache<K, V> {
  /** Loads the value of a missing key; what it throws reaches every caller that waited for it. */
  interface Loader<V, E extends Exception> {
    V load() throws E;
  }

  /** A value being loaded, or loaded at {@code loadedAtNanos}. */
  private static final class Entry<V> {
    final CompletableFuture<V> value = new CompletableFuture<>();
    /** Which entry is older, for eviction: the clock may not have moved between two. */
    final long sequence;
    volatile boolean loaded;
    volatile long loadedAtNanos;

    Entry(long sequence) {
      this.sequence = sequence;
    }

    void loaded(V loadedValue, long nowNanos) {
      loadedAtNanos = nowNanos;
      loaded = true;
      value.complete(loadedValue);
    }
  }

  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoTicker;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Object evictionLock = new Object();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param ttl how long an entry lives; zero keeps nothing (callers at the same moment still share a load)
   * @param nanoTicker nanoseconds from any fixed origin, like {@link System#nanoTime()}
   */
  ExpiringCache(Duration ttl, int maxEntries, LongSupplier nanoTicker) {
    if (ttl.isNegative() || maxEntries < 1) {
      throw new IllegalArgumentException("a cache needs a time to live of at least 0 and room for at least one"
          + " entry, got " + ttl + " and " + maxEntries);
    }
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoTicker = nanoTicker;
  }

  /**
   * The value for {@code key}: kept, or being loaded by another caller (waits for that load, which lakeFS's
   * client timeout bounds), or loaded now by {@code loader}.
   */
  <E extends Exception> V get(K key, Loader<V, E> loader) throws E {
    while (true) {
      long now = nanoTicker.getAsLong();
      Entry<V> entry = entries.get(key);
      if (entry != null && expired(entry, now)) {
        entries.remove(key, entry);
        entry = null;
      }
      if (entry != null) {
        return await(entry);
      }
      Entry<V> mine = new Entry<>(sequence.incrementAndGet());
      if (entries.putIfAbsent(key, mine) != null) {
        continue;
      }
      makeRoom(now);
      try {
        V value = loader.load();
        mine.loaded(value, nanoTicker.getAsLong());
        if (ttlNanos == 0) {
          entries.remove(key, mine);
        }
        return value;
      } catch (Throwable failure) {
        entries.remove(key, mine);
        mine.value.completeExceptionally(failure);
        throw failure;
      }
    }
  }

  /** The value kept for {@code key}, without loading nor waiting for a load. */
  Optional<V> get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null || !entry.loaded) {
      return Optional.empty();
    }
    if (expired(entry, nanoTicker.getAsLong())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.value.join());
  }

  void put(K key, V value) {
    if (ttlNanos > 0) {
      long now = nanoTicker.getAsLong();
      Entry<V> entry = new Entry<>(sequence.incrementAndGet());
      entry.loaded(value, now);
      entries.put(key, entry);
      makeRoom(now);
    }
  }

  void remove(K key) {
    entries.remove(key);
  }

  int size() {
    return entries.size();
  }

  private boolean expired(Entry<V> entry, long nowNanos) {
    return entry.loaded && nowNanos - entry.loadedAtNanos >= ttlNanos;
  }

  private void makeRoom(long nowNanos) {
    if (entries.size() <= maxEntries) {
      return;
    }
    synchronized (evictionLock) {
      if (entries.size() <= maxEntries) {
        return;
      }
      entries.values().removeIf(entry -> expired(entry, nowNanos));
      int excess = entries.size() - maxEntries + maxEntries / 10;
      if (excess > 0) {
        List<Map.Entry<K, Entry<V>>> oldest = entries.entrySet().stream()
            .sorted(Comparator.comparingLong(entry -> entry.getValue().sequence))
            .limit(excess)
            .toList();
        oldest.forEach(entry -> entries.remove(entry.getKey(), entry.getValue()));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <V, E extends Exception> V await(Entry<V> entry) throws E {
    try {
      return entry.value.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      // Thrown by a loader of this key, which throws E.
      throw (E) cause;
    }
  }
}
