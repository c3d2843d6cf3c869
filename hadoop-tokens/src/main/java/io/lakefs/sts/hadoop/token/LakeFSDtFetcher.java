package io.lakefs.sts.hadoop.token;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.ClientSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.DtFetcher;
import org.apache.hadoop.security.token.Token;

/**
 * {@code hadoop dtutil get lakefs://HOST:PORT [-renewer R] FILE}: a {@code LAKEFS_STS} token from the
 * credentials service at HOST:PORT, through {@link LakeFSTokenIssuer}. The endpoint's scheme (and the
 * failover endpoints) come from {@code fs.s3a.ext.lakefs.service.endpoints} when HOST:PORT is among them;
 * otherwise it is {@code http://HOST:PORT}.
 */
public final class LakeFSDtFetcher implements DtFetcher {
  @Override
  public Text getServiceName() {
    return new Text(LakeFSTokens.SCHEME);
  }

  /** Always: lakeFS tokens carry credentials on clusters without Kerberos too (the lakeFS-key flow). */
  @Override
  public boolean isTokenRequired() {
    return true;
  }

  @Override
  public Token<?> addDelegationTokens(Configuration conf, Credentials creds, String renewer, String url)
      throws Exception {
    // dtutil strips http(s):// only; what is left is lakefs://HOST:PORT or HOST:PORT (with -service lakefs).
    String hostPort = url.startsWith(LakeFSTokens.SCHEME + "://")
        ? url.substring(LakeFSTokens.SCHEME.length() + 3) : url;
    hostPort = hostPort.endsWith("/") ? hostPort.substring(0, hostPort.length() - 1) : hostPort;
    Configuration withEndpoints = new Configuration(conf);
    withEndpoints.setStrings(LakeFSTokenKeys.SERVICE_ENDPOINTS, endpoints(conf, hostPort).stream()
        .map(URI::toString).toArray(String[]::new));
    LakeFSTokenIssuer issuer = new LakeFSTokenIssuer(withEndpoints);
    Token<LakeFSTokenIdentifier> token = issuer.getDelegationToken(renewer);
    creds.addToken(token.getService(), token);
    return token;
  }

  /** The configured endpoints with the one at {@code hostPort} first, or {@code http://hostPort} alone. */
  private static List<URI> endpoints(Configuration conf, String hostPort) {
    Text wanted = LakeFSTokens.serviceName(URI.create("http://" + hostPort));
    List<URI> configured = ClientSettings.endpoints(conf);
    List<URI> ordered = new ArrayList<>();
    configured.stream().filter(e -> LakeFSTokens.serviceName(e).equals(wanted)).forEach(ordered::add);
    if (ordered.isEmpty()) {
      return Collections.singletonList(URI.create("http://" + hostPort));
    }
    configured.stream().filter(e -> !ordered.contains(e)).forEach(ordered::add);
    return ordered;
  }
}
