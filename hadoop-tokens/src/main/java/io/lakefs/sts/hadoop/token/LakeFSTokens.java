package io.lakefs.sts.hadoop.token;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
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
   * When the embedded STS credentials of the {@code LAKEFS_STS} tokens in {@code credentials} must be
   * re-obtained: the earliest expiry among them less {@code margin}. Empty when no such token embeds
   * credentials. This is not the tokens' maximum lifetime: embedded STS credentials last hours, the service
   * token days.
   */
  public static Optional<Instant> nextRefreshTime(Credentials credentials, Duration margin) {
    return credentials.getAllTokens().stream()
        .map(LakeFSTokens::decode)
        .flatMap(Optional::stream)
        .flatMap(identifier -> identifier.getCredentials().stream())
        .map(embedded -> Instant.ofEpochMilli(embedded.expirationEpochMillis()).minus(margin))
        .min(Comparator.naturalOrder());
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
    if (!LakeFSTokenIdentifier.KIND_NAME.equals(token.getKind().toString())) {
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
