package io.lakefs.sts.spark.plugin;

import java.io.IOException;
import java.util.stream.Collectors;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;

/** Log text for tokens: kind, service and the decoded identifier, whose {@code toString()} redacts secrets. */
final class TokenDescriptions {
  private TokenDescriptions() {
  }

  static String of(Credentials credentials) {
    return credentials.numberOfTokens() + " token(s) " + credentials.getAllTokens().stream()
        .map(TokenDescriptions::describe).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String describe(Token<? extends TokenIdentifier> token) {
    String identifier;
    try {
      TokenIdentifier decoded = token.decodeIdentifier();
      identifier = decoded == null ? "(no identifier class for this kind)" : decoded.toString();
    } catch (IOException e) {
      identifier = "(undecodable identifier: " + e.getMessage() + ")";
    }
    return token.getKind() + " for " + token.getService() + " " + identifier;
  }
}
