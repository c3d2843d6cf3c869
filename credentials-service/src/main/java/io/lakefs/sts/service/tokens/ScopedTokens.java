package io.lakefs.sts.service.tokens;

import io.lakefs.sts.service.scope.ResolvedScope;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.security.token.SecretManager.InvalidToken;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenSecretManager;

/**
 * The service's delegation tokens: issued with a scope checked against lakeFS, verified when presented,
 * renewed and cancelled through hadoop-auth. One Hadoop secret manager (memory or ZooKeeper, as
 * {@link TokenStoreSettings} says) holds the keys and tokens; hadoop-auth's filter gets it as its external
 * secret manager, so renewals and cancellations follow Hadoop's rules.
 */
public final class ScopedTokens implements AutoCloseable {
  private final AbstractDelegationTokenSecretManager<ScopedTokenIdentifier> manager;
  private final ScopedSecretManager store;
  private final TokenChecks checks;

  private <M extends AbstractDelegationTokenSecretManager<ScopedTokenIdentifier> & ScopedSecretManager> ScopedTokens(
      M manager, TokenChecks checks) {
    this.manager = manager;
    this.store = manager;
    this.checks = checks;
  }

  /**
   * Creates and starts the secret manager.
   *
   * @param curator the service's ZooKeeper client, present exactly with the zookeeper store
   */
  public static ScopedTokens start(TokenStoreSettings settings, Optional<CuratorFramework> curator, Text kind)
      throws IOException {
    TokenChecks checks = new TokenChecks(kind);
    ScopedTokens tokens = curator.isPresent()
        ? new ScopedTokens(ZooKeeperScopedSecretManager.create(settings.secretManagerConfiguration(), curator.get(),
            checks), checks)
        : new ScopedTokens(new MemoryScopedSecretManager(settings, checks), checks);
    tokens.manager.startThreads();
    return tokens;
  }

  /** The Hadoop secret manager, for hadoop-auth's filter (renew and cancel go through it). */
  public AbstractDelegationTokenSecretManager<ScopedTokenIdentifier> secretManager() {
    return manager;
  }

  /**
   * A new token; its password is Hadoop's HMAC over the identifier, scope included.
   *
   * @param owner the authenticated caller (Hadoop's owner)
   * @param renewer who may renew it (e.g. {@code yarn})
   */
  public Token<ScopedTokenIdentifier> issue(String owner, String renewer, Optional<String> service, String lakeFSUser,
      ResolvedScope scope) {
    return issue(owner, renewer, service, lakeFSUser, scope, Optional.empty());
  }

  /**
   * A token a superuser obtained for {@code owner} ({@code doAs}): Hadoop's identifier carries the superuser as
   * its real user, so the token's user is a proxy user, as Hadoop's own proxied tokens are.
   */
  public Token<ScopedTokenIdentifier> issue(String owner, String renewer, Optional<String> service, String lakeFSUser,
      ResolvedScope scope, Optional<String> realUser) {
    ScopedTokenIdentifier identifier = new ScopedTokenIdentifier(checks.kind(), new Text(owner), new Text(renewer),
        realUser.map(Text::new).orElse(null), lakeFSUser, scope);
    Token<ScopedTokenIdentifier> token = new Token<>(identifier, manager);
    service.ifPresent(s -> token.setService(new Text(s)));
    return token;
  }


  /**
   * Reads a token as {@code Token.encodeToUrlString} wrote it. Hadoop's own decoding allocates whatever
   * length the bytes declare, so lengths are checked against what was actually sent first.
   *
   * @throws InvalidToken saying the text is not such a token, never quoting it
   */
  public static Token<ScopedTokenIdentifier> decode(String urlString) throws InvalidToken {
    String problem = "the delegation token is not a token as Hadoop's Token.encodeToUrlString writes it (%s);"
        + " send the urlString GETDELEGATIONTOKEN answered, unchanged";
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(urlString.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidToken(String.format(problem, "not URL-safe base64"));
    }
    try {
      // identifier, password, kind, service: each a vint length and that many bytes.
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      for (int field = 0; field < 4; field++) {
        int length = WritableUtils.readVInt(in);
        if (length < 0 || length > in.available()) {
          throw new InvalidToken(String.format(problem, "truncated"));
        }
        in.skipNBytes(length);
      }
      if (in.available() != 0) {
        throw new InvalidToken(String.format(problem, "trailing bytes"));
      }
      Token<ScopedTokenIdentifier> token = new Token<>();
      token.readFields(new DataInputStream(new ByteArrayInputStream(bytes)));
      return token;
    } catch (InvalidToken e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidToken(String.format(problem, "truncated"));
    }
  }

  /**
   * Checks a presented token; the refusal says which check failed and what to do. Outside the manager's lock,
   * as Hadoop's own {@code verifyToken} is: it decodes, recomputes the HMAC with Hadoop's per-thread {@code Mac}
   * and reads the key and the stored record from the manager's concurrent maps, so every executor's request
   * checks its token in parallel.
   */
  public VerifiedToken verify(Token<?> token) throws InvalidToken {
    return checks.verify(token, store);
  }

  /** Checks a token before Hadoop cancels it, so that a refusal can say what is wrong with it. */
  public ScopedTokenIdentifier checkCancellable(Token<?> token) throws InvalidToken {
    synchronized (manager) {
      return checks.checkCancellable(token, store);
    }
  }

  /** The tokens of {@code owner} still alive at {@code now} (not expired, cancelled or purged). */
  public LiveTokens liveTokensOf(String owner, Instant now) {
    synchronized (manager) {
      List<Instant> expiries = store.records().entrySet().stream()
          .filter(record -> record.getKey().getOwner().toString().equals(owner))
          .map(record -> Instant.ofEpochMilli(record.getValue().getRenewDate()))
          .filter(expiry -> expiry.isAfter(now))
          .toList();
      return new LiveTokens(expiries.size(), expiries.stream().min(Instant::compareTo));
    }
  }

  /** How many tokens a user holds and when the first of them expires. */
  public record LiveTokens(int count, Optional<Instant> firstExpiry) {
  }

  /** The identifier of a token of this service's kind, unchecked (e.g. of one just issued). */
  public ScopedTokenIdentifier identifier(Token<?> token) throws InvalidToken {
    return checks.decode(token);
  }

  @Override
  public void close() {
    manager.stopThreads();
  }
}
