package io.lakefs.sts.hadoop.token;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.hadoop.client.LakeFSLoginToken;
import io.lakefs.sts.protocol.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.junit.Test;

/** When the driver must replace tokens, and which login token executors use, from a job's credentials. */
public class LakeFSTokensTest {
  private static final Duration MARGIN = Duration.ofMinutes(5);

  private static LakeFSLoginToken login(String jwt, long expiresEpochMillis) {
    return new LakeFSLoginToken(URI.create("http://lakefs.example.com/api/v1"), Secret.of(jwt),
        expiresEpochMillis);
  }

  private static void add(Credentials credentials, String service, LakeFSTokenIdentifier identifier) {
    credentials.addToken(new Text(service), LakeFSTokenIssuer.token(identifier, new Text(service)));
  }

  @Test
  public void aLoginTokenExpiringBeforeTheStsCredentialsBringsTheRefreshForward() {
    long stsExpiry = LakeFSTokenIdentifierTest.credentials().expirationEpochMillis();
    Credentials credentials = new Credentials();
    add(credentials, "lakefs://sts:8765", LakeFSTokenIdentifierTest.sample()
        .credentials(LakeFSTokenIdentifierTest.credentials())
        .lakeFSLogin(login("jwt-short", stsExpiry - 60_000)).build());

    assertEquals(Optional.of(Instant.ofEpochMilli(stsExpiry - 60_000).minus(MARGIN)),
        LakeFSTokens.nextRefreshTime(credentials, MARGIN));
  }

  @Test
  public void aLoginTokenOutlivingTheStsCredentialsLeavesTheirExpiryInCharge() {
    long stsExpiry = LakeFSTokenIdentifierTest.credentials().expirationEpochMillis();
    Credentials credentials = new Credentials();
    add(credentials, "lakefs://sts:8765", LakeFSTokenIdentifierTest.full().build());

    assertEquals(Optional.of(Instant.ofEpochMilli(stsExpiry).minus(MARGIN)),
        LakeFSTokens.nextRefreshTime(credentials, MARGIN));
  }

  @Test
  public void tokensWithoutStsCredentialsGiveNoRefreshTimeEvenWithALogin() {
    Credentials credentials = new Credentials();
    add(credentials, "lakefs://sts:8765", LakeFSTokenIdentifierTest.sample()
        .lakeFSLogin(LakeFSTokenIdentifierTest.login()).build());

    assertEquals(Optional.empty(), LakeFSTokens.nextRefreshTime(credentials, MARGIN));
  }

  @Test
  public void executorsUseTheLoginOfTheNewestTokenWhateverServiceItIsFiledUnder() {
    Credentials credentials = new Credentials();
    credentials.addToken(new Text("other"), new Token<>());
    add(credentials, "lakefs://sts:8765", LakeFSTokenIdentifierTest.sample().issueDate(1_000)
        .lakeFSLogin(login("jwt-old", 5_000_000)).build());
    add(credentials, "s3a://warehouse", LakeFSTokenIdentifierTest.sample().issueDate(2_000)
        .lakeFSLogin(login("jwt-new", 6_000_000)).build());
    add(credentials, "lakefs://other:8765", LakeFSTokenIdentifierTest.sample().issueDate(3_000).build());

    assertEquals("jwt-new", LakeFSTokens.newestLogin(credentials).orElseThrow().token().reveal());
    assertEquals(Optional.empty(), LakeFSTokens.newestLogin(new Credentials()));
  }
}
