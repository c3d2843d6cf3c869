package io.lakefs.sts.service.tokens;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.token.SecretManager.InvalidToken;
import org.apache.hadoop.security.token.SecretManager;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenSecretManager.DelegationTokenInformation;
import org.apache.hadoop.security.token.delegation.DelegationKey;
import org.apache.hadoop.util.Time;

/**
 * The checks a presented token passes, shared by the memory and the ZooKeeper secret manager, each refusal
 * saying which check failed and what to do. Beyond Hadoop's, it recomputes the signature over the bytes
 * presented: Hadoop's {@code verifyToken} only compares the presented password with the stored one and finds
 * the stored token by sequence number (ZooKeeper) or by its own fields, so an identifier whose scope was edited
 * would otherwise pass with the original password.
 */
final class TokenChecks {
  /** Cancellations remembered to say who cancelled a token and when; older ones are forgotten. */
  static final int REMEMBERED_CANCELLATIONS = 10_000;

  /**
   * Identifiers decoded from presented tokens, kept so that each is parsed once (scope and storage namespaces
   * included) however often executors present it; beyond this many the memory starts over.
   */
  static final int REMEMBERED_IDENTIFIERS = 4_096;

  private final Text kind;
  /**
   * By the identifier's bytes. Only the decoding is remembered: the signature over the bytes presented, the
   * lifetime and the stored record (cancel, expiry) are checked on every request.
   */
  private final Map<ByteBuffer, ScopedTokenIdentifier> decoded = new ConcurrentHashMap<>();
  private final Map<Integer, Cancellation> cancellations = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Cancellation> eldest) {
      return size() > REMEMBERED_CANCELLATIONS;
    }
  };

  private record Cancellation(String canceller, Instant at) {
  }

  TokenChecks(Text kind) {
    this.kind = kind;
  }

  Text kind() {
    return kind;
  }

  /** Reads the identifier of a token of this service's kind. */
  ScopedTokenIdentifier decode(Token<?> token) throws InvalidToken {
    checkKind(token);
    ScopedTokenIdentifier identifier = new ScopedTokenIdentifier(kind);
    try {
      identifier.readFields(new DataInputStream(new ByteArrayInputStream(token.getIdentifier())));
    } catch (IOException e) {
      throw new InvalidToken(e.getMessage());
    }
    return identifier;
  }

  private void checkKind(Token<?> token) throws InvalidToken {
    if (!kind.equals(token.getKind())) {
      throw new InvalidToken("the token is of kind '" + token.getKind() + "', not " + kind
          + "; present a delegation token obtained from this service");
    }
  }

  /** Everything a token must pass to authenticate a caller. */
  VerifiedToken verify(Token<?> token, ScopedSecretManager store) throws InvalidToken {
    checkKind(token);
    ScopedTokenIdentifier remembered = decoded.get(ByteBuffer.wrap(token.getIdentifier()));
    ScopedTokenIdentifier identifier = checkSigned(token, remembered != null ? remembered : decode(token), store);
    if (remembered == null) {
      remember(token, identifier);
    }
    checkLifetime(identifier);
    // The signature over the bytes presented was recomputed above, so the stored record is only asked its expiry.
    DelegationTokenInformation record = stored(identifier, store);
    if (record.getRenewDate() < Time.now()) {
      throw new InvalidToken(describe(identifier) + " expired at " + time(record.getRenewDate())
          + " (it was not renewed in time); its renewer " + identifier.getRenewer() + " may renew it until "
          + time(identifier.getMaxDate()) + ", or obtain a new one");
    }
    return new VerifiedToken(identifier, Instant.ofEpochMilli(record.getRenewDate()));
  }

  /**
   * The checks before a renewal: signed, within its lifetime, still stored, and renewed by its renewer (Hadoop
   * checks that too, but its refusal lists the identifier's fields and says nothing of what to do).
   */
  ScopedTokenIdentifier checkRenewable(Token<?> token, ScopedSecretManager store, String caller)
      throws IOException {
    ScopedTokenIdentifier identifier = checkSigned(token, decode(token), store);
    checkLifetime(identifier);
    stored(identifier, store);
    String renewer = identifier.getRenewer().toString();
    if (!renewer.equals(caller)) {
      throw new AccessControlException(describe(identifier) + " may be renewed only by its renewer " + renewer
          + ", not by " + caller + "; renew it as " + renewer + " (for a job, the YARN ResourceManager does), or"
          + " obtain a token naming " + caller + " as its renewer");
    }
    return identifier;
  }

  /** The checks before a cancellation (Hadoop then checks the caller): signed and still stored. */
  ScopedTokenIdentifier checkCancellable(Token<?> token, ScopedSecretManager store) throws InvalidToken {
    ScopedTokenIdentifier identifier = checkSigned(token, decode(token), store);
    stored(identifier, store);
    return identifier;
  }

  private static void checkLifetime(ScopedTokenIdentifier identifier) throws InvalidToken {
    if (identifier.getMaxDate() < Time.now()) {
      throw new InvalidToken(describe(identifier) + " passed its maximum lifetime at " + time(identifier.getMaxDate())
          + " and can no longer be used or renewed; obtain a new one");
    }
  }

  /**
   * Keeps a signed identifier for the next time its bytes are presented (they always decode to it, and nobody
   * changes it once read). Only signed ones: forged identifiers cannot crowd out genuine ones.
   */
  private void remember(Token<?> token, ScopedTokenIdentifier identifier) {
    if (decoded.size() >= REMEMBERED_IDENTIFIERS) {
      decoded.clear();
    }
    decoded.put(ByteBuffer.wrap(token.getIdentifier().clone()), identifier);
  }

  /** Recomputes the signature over the identifier's bytes as presented; {@code identifier} is what they decode to. */
  private ScopedTokenIdentifier checkSigned(Token<?> token, ScopedTokenIdentifier identifier,
      ScopedSecretManager store) throws InvalidToken {
    DelegationKey key = store.key(identifier.getMasterKeyId());
    if (key == null) {
      throw new InvalidToken(describe(identifier) + " was signed with a key this service no longer holds or never"
          + " held: it expired long ago or was issued by another service; obtain a new one");
    }
    if (!MessageDigest.isEqual(SecretManager.createPassword(token.getIdentifier(), key.getKey()),
        token.getPassword())) {
      throw altered(identifier);
    }
    return identifier;
  }

  /** The stored record of the token; looked up once, since another instance may cancel it at any time. */
  private DelegationTokenInformation stored(ScopedTokenIdentifier identifier, ScopedSecretManager store)
      throws InvalidToken {
    DelegationTokenInformation record = store.record(identifier);
    if (record == null) {
      Cancellation cancellation;
      synchronized (cancellations) {
        cancellation = cancellations.get(identifier.getSequenceNumber());
      }
      throw new TokenNotStoredException(cancellation != null
          ? describe(identifier) + " was cancelled at " + cancellation.at().truncatedTo(ChronoUnit.SECONDS) + " by "
              + cancellation.canceller() + "; obtain a new one"
          : describe(identifier) + " was cancelled or never issued by this service (or expired and was purged);"
              + " obtain a new one");
    }
    return record;
  }

  /** Remembers who cancelled a token, so that later refusals can say so. */
  void cancelled(ScopedTokenIdentifier identifier, String canceller) {
    synchronized (cancellations) {
      cancellations.put(identifier.getSequenceNumber(), new Cancellation(canceller, Instant.now()));
    }
  }

  private static InvalidToken altered(ScopedTokenIdentifier identifier) {
    return new InvalidToken("delegation token " + identifier.getSequenceNumber() + " does not match its"
        + " signature: its contents were altered or it was not issued by this service; obtain a new one with your"
        + " lakeFS key");
  }

  private static String describe(ScopedTokenIdentifier identifier) {
    return "delegation token " + identifier.getSequenceNumber() + " of lakeFS user " + identifier.lakeFSUser();
  }

  private static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
