package io.lakefs.sts.hadoop.token;

import io.lakefs.sts.hadoop.client.LakeFSLoginToken;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finding {@code LAKEFS_STS} tokens in a job's {@link Credentials}: for the Spark integration (when to
 * re-obtain them) and for executors (the newest token for a service, Spark having pushed re-obtained ones).
 */
public final class LakeFSTokens {
  private static final Logger LOG = LoggerFactory.getLogger(LakeFSTokens.class);

  /** The scheme of the service names of tokens issued for the service on its own: {@code lakefs://host:port}. */
  public static final String SCHEME = "lakefs";

  private LakeFSTokens() {
  }

  /** {@code lakefs://host:port} of a credentials-service endpoint (the scheme's default port when it names none). */
  public static Text serviceName(URI endpoint) {
    int port = endpoint.getPort() != -1 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
    return new Text(SCHEME + "://" + endpoint.getHost() + ":" + port);
  }

  /**
   * When the {@code LAKEFS_STS} tokens in {@code credentials} must be re-obtained: the earliest expiry of
   * their embedded STS credentials and lakeFS login tokens, less {@code margin}. Empty when no such token
   * embeds STS credentials. This is not the tokens' maximum lifetime: embedded STS credentials last hours, the
   * service token days; a login token lasts what lakeFS's {@code auth.login_duration} says, and executors cannot
   * replace it themselves, so the driver must.
   */
  public static Optional<Instant> nextRefreshTime(Credentials credentials, Duration margin) {
    List<LakeFSTokenIdentifier> identifiers = identifiers(credentials);
    if (identifiers.stream().noneMatch(identifier -> identifier.getCredentials().isPresent())) {
      return Optional.empty();
    }
    List<Long> expiries = new ArrayList<>();
    for (LakeFSTokenIdentifier identifier : identifiers) {
      identifier.getCredentials().ifPresent(c -> expiries.add(c.expirationEpochMillis()));
      identifier.getLakeFSLogin().ifPresent(l -> expiries.add(l.expirationEpochMillis()));
    }
    return expiries.stream().min(Comparator.naturalOrder())
        .map(epochMillis -> Instant.ofEpochMilli(epochMillis).minus(margin));
  }

  /**
   * The lakeFS login token of the newest (by issue date) {@code LAKEFS_STS} token in {@code credentials} that
   * carries one, whatever service it is filed under: what executors send lakeFS for metadata calls. Spark's
   * push and the plugin add newer tokens beside older ones, so the newest is the one the driver obtained last.
   */
  public static Optional<LakeFSLoginToken> newestLogin(Credentials credentials) {
    return identifiers(credentials).stream()
        .filter(identifier -> identifier.getLakeFSLogin().isPresent())
        .max(Comparator.comparingLong(LakeFSTokenIdentifier::getIssueDate))
        .flatMap(LakeFSTokenIdentifier::getLakeFSLogin);
  }

  private static List<LakeFSTokenIdentifier> identifiers(Credentials credentials) {
    List<LakeFSTokenIdentifier> identifiers = new ArrayList<>();
    for (Token<? extends TokenIdentifier> token : credentials.getAllTokens()) {
      decode(token).ifPresent(identifiers::add);
    }
    return identifiers;
  }

  /** The newest (by issue date) {@code LAKEFS_STS} token filed under one of {@code aliases}. */
  public static Optional<Token<LakeFSTokenIdentifier>> newest(Credentials credentials, Collection<Text> aliases) {
    Token<LakeFSTokenIdentifier> newest = null;
    long newestIssued = Long.MIN_VALUE;
    for (Text alias : aliases) {
      Token<? extends TokenIdentifier> token = credentials.getToken(alias);
      if (token == null) {
        continue;
      }
      Optional<LakeFSTokenIdentifier> identifier = decode(token);
      if (identifier.isPresent() && identifier.get().getIssueDate() > newestIssued) {
        @SuppressWarnings("unchecked")
        Token<LakeFSTokenIdentifier> ours = (Token<LakeFSTokenIdentifier>) token;
        newest = ours;
        newestIssued = identifier.get().getIssueDate();
      }
    }
    return Optional.ofNullable(newest);
  }

  /** The identifier of a {@code LAKEFS_STS} token; empty for other kinds and (logged) for undecodable ones. */
  public static Optional<LakeFSTokenIdentifier> decode(Token<? extends TokenIdentifier> token) {
    if (!TokenKinds.LAKEFS_STS.equals(token.getKind().toString())) {
      return Optional.empty();
    }
    LakeFSTokenIdentifier identifier = new LakeFSTokenIdentifier();
    try {
      identifier.readFields(new DataInputStream(new ByteArrayInputStream(token.getIdentifier())));
      return Optional.of(identifier);
    } catch (IOException e) {
      LOG.warn("Ignoring the lakeFS STS token for {}: {}", token.getService(), e.getMessage());
      return Optional.empty();
    }
  }
}
