package io.lakefs.sts.hadoop.client;

import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenIdentifier;

import static java.util.Objects.requireNonNull;

/**
 * The credentials service's own delegation token (kind {@value TokenKinds#LAKEFS_STS_DELEGATION_TOKEN}), as the service encoded it
 * ({@code Token.encodeToUrlString()}, a secret: it authenticates), with the Hadoop fields read from it.
 */
public final class ServiceDelegationToken {
  /** The kind the service issues. */

  private final Secret urlString;
  private final String owner;
  private final String renewer;
  private final Instant issueDate;
  private final Instant maxDate;

  private ServiceDelegationToken(Secret urlString, DelegationTokenIdentifier identifier) {
    this.urlString = urlString;
    this.owner = identifier.getOwner().toString();
    this.renewer = identifier.getRenewer().toString();
    this.issueDate = Instant.ofEpochMilli(identifier.getIssueDate());
    this.maxDate = Instant.ofEpochMilli(identifier.getMaxDate());
  }

  /**
   * Reads the Hadoop fields of a token the service encoded. The service's identifier may carry more after
   * them (its scope); those stay in the encoded form, which is what travels.
   */
  public static ServiceDelegationToken decode(Secret urlString) throws IOException {
    requireNonNull(urlString, "urlString");
    Token<DelegationTokenIdentifier> token = new Token<>();
    try {
      token.decodeFromUrlString(urlString.reveal());
      DelegationTokenIdentifier identifier = new DelegationTokenIdentifier(token.getKind());
      identifier.readFields(new DataInputStream(new ByteArrayInputStream(token.getIdentifier())));
      return new ServiceDelegationToken(urlString, identifier);
    } catch (IOException | RuntimeException e) {
      // Neither message nor cause: they may quote the token's bytes.
      throw new IOException("the credentials service's delegation token cannot be decoded ("
          + e.getClass().getSimpleName() + "); it is corrupt or not the service's token, obtain a new one");
    }
  }

  /** The encoded token; authenticates to the service, so pass it on only to where it is used. */
  public Secret urlString() {
    return urlString;
  }

  /** The user the token was issued to (the lakeFS user, or the Kerberos principal mapped by the service). */
  public String owner() {
    return owner;
  }

  public String renewer() {
    return renewer;
  }

  public Instant issueDate() {
    return issueDate;
  }

  /** The latest the token can be renewed to. */
  public Instant maxDate() {
    return maxDate;
  }

  @Override
  public String toString() {
    return "ServiceDelegationToken{owner=" + owner + ", renewer=" + renewer + ", issued=" + issueDate
        + ", maxDate=" + maxDate + "}";
  }
}
