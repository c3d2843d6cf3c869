package io.lakefs.sts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakefs.sts.protocol.CredentialsAnswer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials kept on disk between runs, one file per caller, scope and endpoint (named by a hash of them, so no
 * name or secret shows in the file name), mode 0600 in a 0700 directory, so a tool that runs
 * {@code credential_process} on every start does not call the service each time. A file is used until
 * {@code margin} before its credentials expire (at most half their lifetime), then replaced. A file that others
 * may read is ignored and replaced.
 */
final class CredentialsCache {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialsCache.class);
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  private final Path dir;
  private final Duration margin;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  CredentialsCache(Path dir, Duration margin, Clock clock) {
    this.dir = dir;
    this.margin = margin;
    this.clock = clock;
  }

  /** The file name for one caller asking one set of endpoints for one scope. */
  static String key(Authority authority, List<URI> endpoints, List<String> repositories, String access) {
    String text = String.join("\n", authority.cacheIdentity(), endpoints.toString(),
        new TreeSet<>(repositories).toString(), access);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8))) + ".json";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  Path file(String key) {
    return dir.resolve(key);
  }

  /** Cached credentials that are not due for refresh yet. */
  Optional<CredentialsAnswer> fresh(String key) {
    Path file = file(key);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE_MODE)
          || !Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).equals(Files.getOwner(dir))
          || !Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
        LOG.warn("ignoring cached credentials {}: others may read or replace them (the file must be 0600 in a 0700 "
            + "directory of yours); they are replaced", file);
        return Optional.empty();
      }
      JsonNode stored = json.readTree(file.toFile());
      CredentialsAnswer credentials = CredentialsAnswer.fromJson(json.convertValue(stored.path("credentials"), Map.class));
      Instant fetched = Instant.ofEpochSecond(stored.path("fetched_at").asLong());
      Duration lifetime = Duration.between(fetched, credentials.expiration());
      Duration refreshAt = margin.compareTo(lifetime.dividedBy(2)) < 0 ? margin : lifetime.dividedBy(2);
      return clock.instant().plus(refreshAt).isBefore(credentials.expiration()) ? Optional.of(credentials)
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable cached credentials {} ({}); they are replaced", file, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /** Keeps {@code credentials} for the next run; a cache that cannot be written only costs a call next time. */
  void store(String key, CredentialsAnswer credentials) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
      }
      // Tightened when it is ours; when it is not, this fails and nothing is written.
      Files.setPosixFilePermissions(dir, DIR_MODE);
      ObjectNode stored = json.createObjectNode();
      stored.put("fetched_at", clock.instant().getEpochSecond());
      stored.set("credentials", json.valueToTree(credentials.toJson()));
      Path temporary = Files.createTempFile(dir, ".lakefs-sts-", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
      try {
        Files.write(temporary, json.writeValueAsBytes(stored));
        try {
          Files.move(temporary, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file(key), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot cache credentials in {} ({}); set {} to a directory of yours, or pass --no-cache", dir,
          e.getMessage(), CliKeys.CACHE_DIR);
    }
  }
}
