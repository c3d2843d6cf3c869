package io.lakefs.sts.service;

import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.auth.DelegationTokenEndpoint;
import io.lakefs.sts.service.auth.LakeFSAuthenticationFilter;
import io.lakefs.sts.service.auth.LakeFSBasicAuthenticationHandler;
import io.lakefs.sts.service.auth.LakeFSDelegationTokenAuthenticationHandler;
import io.lakefs.sts.service.auth.LakeFSKerberosAuthenticationHandler;
import io.lakefs.sts.service.http.CredentialsServer;
import io.lakefs.sts.service.http.CredentialsServlet;
import io.lakefs.sts.service.http.HealthServlet;
import io.lakefs.sts.service.http.MetricsServlet;
import io.lakefs.sts.service.http.ServiceMetrics;
import io.lakefs.sts.service.issuance.CredentialsIssuance;
import io.lakefs.sts.service.issuance.DelegationTokenIssuance;
import io.lakefs.sts.service.issuance.RepositoryScopes;
import io.lakefs.sts.service.issuance.KeylessAccess;
import io.lakefs.sts.service.lakefs.CachingLakeFSClient;
import io.lakefs.sts.service.lakefs.LakeFSPolicyDirectory;
import io.lakefs.sts.service.lakefs.ScopeRecheck;
import io.lakefs.sts.service.scope.StorageRoles;
import io.lakefs.sts.service.sts.CachingCredentialsIssuer;
import io.lakefs.sts.service.sts.StsCallThreads;
import io.lakefs.sts.service.sts.CredentialsIssuer;
import io.lakefs.sts.service.sts.DisabledCredentialsIssuer;
import io.lakefs.sts.service.sts.StsClientFactory;
import io.lakefs.sts.service.sts.StsCredentialsIssuer;
import io.lakefs.sts.service.sts.StsSettings;
import io.lakefs.sts.service.tokens.IssueLimits;
import io.lakefs.sts.service.tokens.ScopedTokens;
import io.lakefs.sts.service.tokens.SharedZooKeeperClient;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.authentication.server.AuthenticationFilter;
import org.apache.hadoop.security.authentication.server.KerberosAuthenticationHandler;
import org.apache.hadoop.security.authentication.server.MultiSchemeAuthenticationHandler;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticationFilter;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticationHandler;
import org.apache.hadoop.security.token.delegation.web.MultiSchemeDelegationTokenAuthenticationHandler;
import software.amazon.awssdk.services.sts.StsClient;

/** The running service: every part built from one {@link ServiceConfig}, started and stopped together. */
public final class CredentialsService implements AutoCloseable {
  private final CredentialsServer server;
  private final CachingLakeFSClient lakeFS;
  private final Optional<LakeFSPolicyDirectory> policies;
  private final StsCallThreads stsCalls;
  private final Optional<StsClient> sts;
  private final Optional<SharedZooKeeperClient> zooKeeper;
  private final ScopedTokens tokens;
  private final AuditLog audit;

  private CredentialsService(CredentialsServer server, CachingLakeFSClient lakeFS,
      Optional<LakeFSPolicyDirectory> policies, StsCallThreads stsCalls, Optional<StsClient> sts,
      Optional<SharedZooKeeperClient> zooKeeper, ScopedTokens tokens, AuditLog audit) {
    this.server = server;
    this.lakeFS = lakeFS;
    this.policies = policies;
    this.stsCalls = stsCalls;
    this.sts = sts;
    this.zooKeeper = zooKeeper;
    this.tokens = tokens;
    this.audit = audit;
  }

  /**
   * Builds and starts every part.
   *
   * @throws io.lakefs.sts.service.tokens.ZooKeeperUnavailableException with the zookeeper token store, when the
   *     ensemble does not answer within the connection timeout
   */
  public static CredentialsService start(ServiceConfig config, Clock clock) throws Exception {
    // First, so that an unreachable ensemble fails start-up before anything else is built.
    Optional<SharedZooKeeperClient> zooKeeper = config.tokenStore().zooKeeper().isPresent()
        ? Optional.of(SharedZooKeeperClient.connect(config.tokenStore().zooKeeper().get()))
        : Optional.empty();
    ScopedTokens tokens;
    try {
      tokens = ScopedTokens.start(config.tokenStore(), zooKeeper.map(SharedZooKeeperClient::curator),
          new Text(TokenKinds.LAKEFS_STS_DELEGATION_TOKEN));
    } catch (IOException | RuntimeException e) {
      zooKeeper.ifPresent(SharedZooKeeperClient::close);
      throw e;
    }
    ServiceMetrics metrics = new ServiceMetrics();
    CachingLakeFSClient lakeFS = new CachingLakeFSClient(config.lakeFS());
    Optional<LakeFSPolicyDirectory> policies = config.keyless()
        .map(keyless -> new LakeFSPolicyDirectory(config.lakeFS(), keyless.serviceKey(), keyless.policiesTtl()));
    Optional<KeylessAccess> keylessAccess = config.keyless().map(keyless -> new KeylessAccess(policies.orElseThrow(),
        keyless.userMapping(), keyless.proxyUsers()));
    Optional<ScopeRecheck> recheck = config.keyless().filter(ServiceConfig.Keyless::recheckTokens)
        .map(keyless -> new ScopeRecheck(policies.orElseThrow()));
    StorageRoles roles = config.sts()
        .map(sts -> new StorageRoles(sts.defaultRole(), config.storageRoles(), config.bucketRoles()))
        .orElseGet(StorageRoles::unconfigured);
    RepositoryScopes scopes = new RepositoryScopes(lakeFS, config.extraLocations(), roles, config.kmsKeys());
    AuditLog audit = new AuditLog(clock);
    Map<String, Object> contextAttributes = new HashMap<>();
    zooKeeper.ifPresent(zk -> contextAttributes.put(SharedZooKeeperClient.CONTEXT_ATTRIBUTE, zk.curator()));
    contextAttributes.put(DelegationTokenAuthenticationFilter.DELEGATION_TOKEN_SECRET_MANAGER_ATTR,
        tokens.secretManager());
    contextAttributes.put(LakeFSBasicAuthenticationHandler.SHARED_LAKEFS, lakeFS);
    contextAttributes.put(DelegationTokenEndpoint.CONTEXT_ATTRIBUTE, new DelegationTokenEndpoint(
        new DelegationTokenIssuance(tokens, lakeFS, scopes, config.defaultRepositories(), config.defaultAccess(),
            new IssueLimits(config.tokenIssueLimits(), clock), keylessAccess), audit));
    Optional<StsClient> sts = config.sts().map(StsClientFactory::create);
    StsCallThreads stsCalls = new StsCallThreads();
    CredentialsIssuer issuer = config.sts()
        .<CredentialsIssuer>map(settings -> new CachingCredentialsIssuer(
            new StsCredentialsIssuer(settings, sts.orElseThrow(), metrics), settings, clock, metrics, stsCalls))
        .orElseGet(DisabledCredentialsIssuer::new);
    CredentialsIssuance issuance = new CredentialsIssuance(scopes, issuer, config.defaultRepositories(),
        config.defaultAccess(), config.sts().map(StsSettings::duration).orElse(StsSettings.DEFAULT_DURATION), clock,
        recheck);
    CredentialsServlet credentials = new CredentialsServlet(issuance, audit, metrics,
        config.httpLimits().bodyTimeout());
    CredentialsServer server = new CredentialsServer(config.httpAddress(), config.tls(), config.httpLimits(),
        LakeFSAuthenticationFilter.class, authFilterParameters(config),
        contextAttributes, Map.of("/credentials", credentials), new HealthServlet(config.sts().isPresent()),
        new MetricsServlet(metrics.registry()));
    try {
      server.start();
    } catch (Exception e) {
      // Jetty may have started the filter (and its ZooKeeper caches) before failing: stop those first.
      try {
        server.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      lakeFS.close();
      policies.ifPresent(LakeFSPolicyDirectory::close);
      stsCalls.close();
      sts.ifPresent(StsClient::close);
      tokens.close();
      zooKeeper.ifPresent(SharedZooKeeperClient::close);
      audit.close();
      throw e;
    }
    return new CredentialsService(server, lakeFS, policies, stsCalls, sts, zooKeeper, tokens, audit);
  }

  /**
   * hadoop-auth's filter configuration: the service's multi-scheme delegation-token handler with lakeFS keys as
   * the Basic scheme and (hadoop-auth's) Kerberos handler as the Negotiate scheme; every configured scheme may
   * also obtain the service's delegation tokens, whose secret manager is handed to the filter as a context
   * attribute. No secret goes in here:
   * hadoop-auth logs these values (a keytab path is not a secret).
   */
  static Map<String, String> authFilterParameters(ServiceConfig config) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(AuthenticationFilter.AUTH_TYPE, LakeFSDelegationTokenAuthenticationHandler.class.getName());
    parameters.put(MultiSchemeAuthenticationHandler.SCHEMES_PROPERTY, String.join(",", config.authSchemes()));
    if (config.authSchemes().contains(ServiceConfig.BASIC)) {
      parameters.put(String.format(MultiSchemeAuthenticationHandler.AUTH_HANDLER_PROPERTY, ServiceConfig.BASIC),
          LakeFSBasicAuthenticationHandler.class.getName());
    }
    config.kerberos().ifPresent(kerberos -> {
      parameters.put(String.format(MultiSchemeAuthenticationHandler.AUTH_HANDLER_PROPERTY, ServiceConfig.NEGOTIATE),
          LakeFSKerberosAuthenticationHandler.class.getName());
      parameters.put(KerberosAuthenticationHandler.PRINCIPAL, kerberos.principal());
      parameters.put(KerberosAuthenticationHandler.KEYTAB, kerberos.keytab());
      parameters.put(KerberosAuthenticationHandler.NAME_RULES, kerberos.nameRules());
    });
    parameters.put(MultiSchemeDelegationTokenAuthenticationHandler.DELEGATION_TOKEN_SCHEMES_PROPERTY,
        String.join(",", config.authSchemes()));
    parameters.put(DelegationTokenAuthenticationHandler.TOKEN_KIND, TokenKinds.LAKEFS_STS_DELEGATION_TOKEN);
    parameters.put(AuthenticationFilter.AUTH_TOKEN_VALIDITY, Long.toString(config.cookieValidity().toSeconds()));
    config.lakeFSProperties().forEach((key, value) -> parameters.put((String) key, (String) value));
    parameters.putAll(config.tokenStore().hadoopAuthParameters());
    return parameters;
  }

  public URI endpoint() {
    return server.endpoint();
  }

  /** Stops taking requests, lets those in flight finish, writes their audit lines, then releases clients. */
  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      audit.close();
      lakeFS.close();
      policies.ifPresent(LakeFSPolicyDirectory::close);
      stsCalls.close();
      sts.ifPresent(StsClient::close);
      tokens.close();
      // After the server: the filter's secret manager and signer use this client until they are destroyed.
      zooKeeper.ifPresent(SharedZooKeeperClient::close);
    }
  }
}
