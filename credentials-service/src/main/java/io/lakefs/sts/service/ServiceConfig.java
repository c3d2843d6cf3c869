package io.lakefs.sts.service;

import static io.lakefs.sts.service.ServiceKeys.*;

import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.auth.KerberosSettings;
import io.lakefs.sts.service.http.CredentialsServer;
import io.lakefs.sts.service.http.HttpLimits;
import io.lakefs.sts.service.lakefs.LakeFSKeys;
import io.lakefs.sts.service.lakefs.LakeFSSettings;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.KmsKeys;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.StorageNamespace;
import io.lakefs.sts.service.sts.StsSettings;
import io.lakefs.sts.service.tokens.IssueLimits;
import io.lakefs.sts.service.tokens.KerberosLogin;
import io.lakefs.sts.service.tokens.TokenStoreSettings;
import io.lakefs.sts.service.tokens.ZooKeeperAuth;
import io.lakefs.sts.service.tokens.ZooKeeperSettings;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.SecurityUtil;

/**
 * The credentials service's configuration, read once from a Hadoop {@link Configuration} and checked; every
 * problem names the key and what to put there. Everything else gets these immutable values.
 *
 * @param extraLocations per repository, locations outside its storage namespace (imported data) granted
 *     with it, read-only
 * @param storageRoles per lakeFS storage id, the role reaching it
 * @param bucketRoles per bucket, the role reaching it (ahead of a storage's role)
 * @param kmsKeys the KMS keys of SSE-KMS encrypted buckets and repositories
 * @param tokenStore lifetimes of the service's own delegation tokens and where their secrets live
 * @param kerberos present when {@code negotiate} is among the schemes
 * @param httpLimits threads and time one caller can hold
 * @param cookieValidity how long a Kerberos caller's hadoop.auth cookie is accepted
 * @param tokenIssueLimits how many delegation tokens one user may hold and obtain per minute
 */
public record ServiceConfig(
    InetSocketAddress httpAddress,
    Optional<CredentialsServer.Tls> tls,
    LakeFSSettings lakeFS,
    Optional<StsSettings> sts,
    AccessLevel defaultAccess,
    List<String> defaultRepositories,
    Map<String, List<StorageNamespace>> extraLocations,
    Map<String, Role> storageRoles,
    Map<String, Role> bucketRoles,
    KmsKeys kmsKeys,
    List<String> authSchemes,
    TokenStoreSettings tokenStore,
    Optional<KerberosSettings> kerberos,
    HttpLimits httpLimits,
    Duration cookieValidity,
    IssueLimits.Settings tokenIssueLimits) {

  // A key ARN, not an alias ARN: S3 names the key itself in what it asks KMS, and IAM matches that.
  private static final Pattern KMS_KEY_ARN =
      Pattern.compile("arn:[a-z-]+:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]{1,128}");

  /** Scheme names as hadoop-auth's multi-scheme handler knows them (HTTP's Authorization schemes). */
  public static final String BASIC = "basic";
  public static final String NEGOTIATE = "negotiate";

  public ServiceConfig {
    defaultRepositories = List.copyOf(defaultRepositories);
    extraLocations = Map.copyOf(extraLocations);
    storageRoles = Map.copyOf(storageRoles);
    bucketRoles = Map.copyOf(bucketRoles);
    authSchemes = List.copyOf(authSchemes);
  }

  public static ServiceConfig from(Configuration conf) throws IOException {
    InetSocketAddress address = address(conf);
    List<String> schemes = authSchemes(conf);
    Optional<StsSettings> sts = sts(conf);
    Map<String, Role> storageRoles = roles(conf, STORAGE_PREFIX, "storage id");
    Map<String, Role> bucketRoles = roles(conf, BUCKET_PREFIX, "bucket");
    if (sts.isEmpty() && !(storageRoles.isEmpty() && bucketRoles.isEmpty())) {
      throw new IllegalArgumentException("roles are configured per storage or bucket, but " + ROLE_ARN + " is"
          + " unset, which turns credentials off; set " + ROLE_ARN + " to the role for every other storage");
    }
    return new ServiceConfig(
        address,
        tls(conf),
        lakeFS(conf),
        sts,
        parse(CREDENTIALS_DEFAULT_ACCESS, () -> AccessLevel.parse(
            conf.getTrimmed(CREDENTIALS_DEFAULT_ACCESS, DEFAULT_CREDENTIALS_DEFAULT_ACCESS))),
        List.of(conf.getTrimmedStrings(CREDENTIALS_DEFAULT_REPOSITORIES)),
        extraLocations(conf),
        storageRoles,
        bucketRoles,
        new KmsKeys(kmsKeys(conf, BUCKET_PREFIX), kmsKeys(conf, REPOSITORY_PREFIX)),
        schemes,
        tokenStore(conf),
        schemes.contains(NEGOTIATE) ? Optional.of(kerberos(conf, address)) : Optional.empty(),
        httpLimits(conf),
        positive(conf, AUTH_COOKIE_VALIDITY_SECONDS, DEFAULT_AUTH_COOKIE_VALIDITY_SECONDS, Duration::ofSeconds),
        new IssueLimits.Settings(
            atLeastOne(conf, TOKEN_MAX_LIVE_PER_USER, DEFAULT_TOKEN_MAX_LIVE_PER_USER),
            atLeastOne(conf, TOKEN_ISSUE_RATE_PER_MINUTE, DEFAULT_TOKEN_ISSUE_RATE_PER_MINUTE)));
  }

  /** The lakeFS client settings in the form hadoop-auth hands to authentication handlers. */
  public Properties lakeFSProperties() {
    Properties properties = new Properties();
    properties.setProperty(LakeFSKeys.ENDPOINT, lakeFS.endpoint().toString());
    properties.setProperty(LakeFSKeys.TIMEOUT_MILLIS, Long.toString(lakeFS.readTimeout().toMillis()));
    properties.setProperty(LakeFSKeys.AUTH_CACHE_SECONDS, Long.toString(lakeFS.cacheTtl().toSeconds()));
    return properties;
  }

  private static LakeFSSettings lakeFS(Configuration conf) {
    URI endpoint = parse(LAKEFS_ENDPOINT,
        () -> URI.create(conf.getTrimmed(LAKEFS_ENDPOINT, LakeFSKeys.DEFAULT_ENDPOINT)));
    Duration timeout = Duration.ofMillis(conf.getLong(LAKEFS_TIMEOUT_MILLIS, LakeFSKeys.DEFAULT_TIMEOUT_MILLIS));
    Duration cache = Duration.ofSeconds(conf.getLong(LAKEFS_AUTH_CACHE_SECONDS, LakeFSKeys.DEFAULT_AUTH_CACHE_SECONDS));
    return parse(LAKEFS_ENDPOINT, () -> new LakeFSSettings(endpoint, timeout, timeout, cache));
  }

  private static InetSocketAddress address(Configuration conf) {
    String value = conf.getTrimmed(HTTP_ADDRESS, DEFAULT_HTTP_ADDRESS);
    int colon = value.lastIndexOf(':');
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (colon <= 0 || port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return InetSocketAddress.createUnresolved(value.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(HTTP_ADDRESS + " must be host:port (port 0-65535), was '" + value + "'");
    }
  }

  private static HttpLimits httpLimits(Configuration conf) {
    int maxThreads = parse(HTTP_MAX_THREADS, () -> conf.getInt(HTTP_MAX_THREADS, DEFAULT_HTTP_MAX_THREADS));
    if (maxThreads < HttpLimits.MIN_THREADS) {
      throw new IllegalArgumentException(HTTP_MAX_THREADS + " must be at least " + HttpLimits.MIN_THREADS
          + " (Jetty's acceptors and selectors share the pool), was " + maxThreads);
    }
    return new HttpLimits(maxThreads,
        positive(conf, HTTP_IDLE_TIMEOUT_MILLIS, DEFAULT_HTTP_IDLE_TIMEOUT_MILLIS, Duration::ofMillis),
        positive(conf, HTTP_BODY_TIMEOUT_MILLIS, DEFAULT_HTTP_BODY_TIMEOUT_MILLIS, Duration::ofMillis));
  }

  private static Optional<CredentialsServer.Tls> tls(Configuration conf) throws IOException {
    String path = conf.getTrimmed(TLS_KEYSTORE_PATH);
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    char[] password = conf.getPassword(TLS_KEYSTORE_PASSWORD);
    if (password == null) {
      throw new IllegalArgumentException(TLS_KEYSTORE_PATH + " is set, so " + TLS_KEYSTORE_PASSWORD
          + " must be too (in the file or a credential provider)");
    }
    return Optional.of(new CredentialsServer.Tls(path, conf.getTrimmed(TLS_KEYSTORE_TYPE, DEFAULT_TLS_KEYSTORE_TYPE),
        Secret.of(new String(password))));
  }

  private static Optional<StsSettings> sts(Configuration conf) throws IOException {
    String endpoint = conf.getTrimmed(STS_ENDPOINT);
    Optional<StsSettings.StaticKeys> staticKeys = Optional.empty();
    String accessKey = conf.getTrimmed(STS_ACCESS_KEY);
    if (accessKey != null && !accessKey.isEmpty()) {
      char[] secret = conf.getPassword(STS_SECRET_KEY);
      if (secret == null) {
        throw new IllegalArgumentException(STS_ACCESS_KEY + " is set, so " + STS_SECRET_KEY
            + " must be too (in the file or a credential provider)");
      }
      staticKeys = StsSettings.StaticKeys.of(accessKey, Secret.of(new String(secret)));
    }
    return StsSettings.configured(conf.getTrimmed(ROLE_ARN), conf.getTrimmed(ROLE_EXTERNAL_ID),
        conf.getTrimmed(STS_REGION, DEFAULT_STS_REGION),
        endpoint == null || endpoint.isEmpty() ? Optional.empty()
            : Optional.of(parse(STS_ENDPOINT, () -> URI.create(endpoint))),
        staticKeys,
        Duration.ofSeconds(conf.getLong(CREDENTIALS_DURATION_SECONDS, DEFAULT_CREDENTIALS_DURATION_SECONDS)),
        Duration.ofSeconds(
            conf.getLong(CREDENTIALS_REFRESH_MARGIN_SECONDS, DEFAULT_CREDENTIALS_REFRESH_MARGIN_SECONDS)));
  }

  private static Map<String, List<StorageNamespace>> extraLocations(Configuration conf) {
    Map<String, List<StorageNamespace>> extra = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : conf.getPropsWithPrefix(REPOSITORY_PREFIX).entrySet()) {
      if (!entry.getKey().endsWith(REPOSITORY_EXTRA_LOCATIONS_SUFFIX)) {
        continue;
      }
      String repository = entry.getKey().substring(0,
          entry.getKey().length() - REPOSITORY_EXTRA_LOCATIONS_SUFFIX.length());
      List<StorageNamespace> locations = new ArrayList<>();
      for (String location : entry.getValue().split(",")) {
        if (!location.isBlank()) {
          String key = REPOSITORY_PREFIX + entry.getKey();
          locations.add(parse(key, () -> StorageNamespace.parse(location.trim())));
        }
      }
      extra.put(repository, List.copyOf(locations));
    }
    return extra;
  }

  /** {@code <prefix><name>.role.arn} and {@code .role.external-id}, per name. */
  private static Map<String, Role> roles(Configuration conf, String prefix, String what) {
    Map<String, String> properties = conf.getPropsWithPrefix(prefix);
    Map<String, Role> roles = new TreeMap<>();
    for (String key : properties.keySet()) {
      String name = key.endsWith(ROLE_ARN_SUFFIX) ? key.substring(0, key.length() - ROLE_ARN_SUFFIX.length())
          : key.endsWith(ROLE_EXTERNAL_ID_SUFFIX)
              ? key.substring(0, key.length() - ROLE_EXTERNAL_ID_SUFFIX.length()) : null;
      if (name == null || roles.containsKey(name)) {
        continue;
      }
      if (name.isEmpty()) {
        throw new IllegalArgumentException(prefix + key + " names no " + what + "; use " + prefix + "<" + what
            + ">" + ROLE_ARN_SUFFIX);
      }
      roles.put(name, StsSettings.role(prefix + name + ROLE_ARN_SUFFIX, properties.get(name + ROLE_ARN_SUFFIX),
          prefix + name + ROLE_EXTERNAL_ID_SUFFIX, properties.get(name + ROLE_EXTERNAL_ID_SUFFIX)));
    }
    return roles;
  }

  /** {@code <prefix><name>.kms.key-arn} per name: a KMS key ARN, which may hold no IAM wildcard or variable. */
  private static Map<String, String> kmsKeys(Configuration conf, String prefix) {
    Map<String, String> keys = new TreeMap<>();
    conf.getPropsWithPrefix(prefix).forEach((key, value) -> {
      if (key.endsWith(KMS_KEY_ARN_SUFFIX)) {
        String name = key.substring(0, key.length() - KMS_KEY_ARN_SUFFIX.length());
        String arn = value.trim();
        if (!KMS_KEY_ARN.matcher(arn).matches()) {
          throw new IllegalArgumentException(prefix + key + " is '" + arn + "', which is not a KMS key ARN; it"
              + " should look like arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
              + " (no * ? or $, which IAM would read as wildcards or variables)");
        }
        keys.put(name, arn);
      }
    });
    return keys;
  }

  private static List<String> authSchemes(Configuration conf) {
    List<String> schemes = new ArrayList<>();
    for (String scheme : conf.getTrimmedStrings(AUTH_SCHEMES, DEFAULT_AUTH_SCHEMES)) {
      String normalized = scheme.toLowerCase(Locale.ROOT);
      if (!normalized.equals(BASIC) && !normalized.equals(NEGOTIATE)) {
        throw new IllegalArgumentException(AUTH_SCHEMES + ": unsupported scheme '" + scheme
            + "'; supported: basic (lakeFS access keys), negotiate (Kerberos/SPNEGO)");
      }
      if (!schemes.contains(normalized)) {
        schemes.add(normalized);
      }
    }
    return schemes;
  }

  private static TokenStoreSettings tokenStore(Configuration conf) {
    Duration maxLifetime = positive(conf, TOKEN_MAX_LIFETIME_SECONDS, DEFAULT_TOKEN_MAX_LIFETIME_SECONDS,
        Duration::ofSeconds);
    Duration renewInterval = positive(conf, TOKEN_RENEW_INTERVAL_SECONDS, DEFAULT_TOKEN_RENEW_INTERVAL_SECONDS,
        Duration::ofSeconds);
    if (renewInterval.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException(TOKEN_RENEW_INTERVAL_SECONDS + " (" + renewInterval.toSeconds()
          + ") must not exceed " + TOKEN_MAX_LIFETIME_SECONDS + " (" + maxLifetime.toSeconds() + ")");
    }
    String store = conf.getTrimmed(TOKEN_STORE, DEFAULT_TOKEN_STORE).toLowerCase(Locale.ROOT);
    Optional<ZooKeeperSettings> zooKeeper = switch (store) {
      case "memory" -> Optional.empty();
      case "zookeeper" -> Optional.of(zooKeeper(conf));
      default -> throw new IllegalArgumentException(TOKEN_STORE + ": unknown store '" + store + "'; use memory"
          + " (a single instance) or zookeeper (instances share tokens; set " + ZOOKEEPER_CONNECT + " too)");
    };
    return new TokenStoreSettings(maxLifetime, renewInterval, zooKeeper);
  }

  private static ZooKeeperSettings zooKeeper(Configuration conf) {
    String connect = conf.getTrimmed(ZOOKEEPER_CONNECT, "");
    if (connect.isEmpty()) {
      throw new IllegalArgumentException(TOKEN_STORE + " is zookeeper, so " + ZOOKEEPER_CONNECT
          + " must name the ZooKeeper ensemble (host:port[,host:port...])");
    }
    String path = conf.getTrimmed(ZOOKEEPER_PATH, DEFAULT_ZOOKEEPER_PATH);
    ZooKeeperAuth auth = parse(ZOOKEEPER_AUTH,
        () -> ZooKeeperAuth.parse(conf.getTrimmed(ZOOKEEPER_AUTH, DEFAULT_ZOOKEEPER_AUTH)));
    Optional<KerberosLogin> kerberos = Optional.empty();
    if (auth == ZooKeeperAuth.SASL) {
      String principal = conf.getTrimmed(ZOOKEEPER_KERBEROS_PRINCIPAL, "");
      String keytab = conf.getTrimmed(ZOOKEEPER_KERBEROS_KEYTAB, "");
      if (principal.isEmpty() || keytab.isEmpty()) {
        throw new IllegalArgumentException(ZOOKEEPER_AUTH + " is sasl, so " + ZOOKEEPER_KERBEROS_PRINCIPAL + " and "
            + ZOOKEEPER_KERBEROS_KEYTAB + " must name the service's Kerberos principal and its keytab");
      }
      kerberos = Optional.of(new KerberosLogin(principal, keytab));
    }
    Duration connectionTimeout = positive(conf, ZOOKEEPER_CONNECTION_TIMEOUT_MILLIS,
        DEFAULT_ZOOKEEPER_CONNECTION_TIMEOUT_MILLIS, Duration::ofMillis);
    Duration sessionTimeout = positive(conf, ZOOKEEPER_SESSION_TIMEOUT_MILLIS,
        DEFAULT_ZOOKEEPER_SESSION_TIMEOUT_MILLIS, Duration::ofMillis);
    Optional<KerberosLogin> login = kerberos;
    return parse(ZOOKEEPER_PATH,
        () -> new ZooKeeperSettings(connect, path, auth, login, connectionTimeout, sessionTimeout));
  }

  private static int atLeastOne(Configuration conf, String key, int defaultValue) {
    int value = parse(key, () -> conf.getInt(key, defaultValue));
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
    return value;
  }

  private static Duration positive(Configuration conf, String key, long defaultValue,
      java.util.function.LongFunction<Duration> unit) {
    long value = parse(key, () -> conf.getLong(key, defaultValue));
    if (value <= 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " must be a positive whole number, was " + value);
    }
    return unit.apply(value);
  }

  private static KerberosSettings kerberos(Configuration conf, InetSocketAddress address) throws IOException {
    String principal = conf.getTrimmed(KERBEROS_PRINCIPAL, "");
    String keytab = conf.getTrimmed(KERBEROS_KEYTAB, "");
    if (principal.isEmpty() || keytab.isEmpty()) {
      throw new IllegalArgumentException(AUTH_SCHEMES + " includes negotiate, so set " + KERBEROS_PRINCIPAL
          + " (e.g. HTTP/_HOST@EXAMPLE.COM) and " + KERBEROS_KEYTAB + " (the keytab holding its key)");
    }
    File keytabFile = new File(keytab);
    if (!keytabFile.isFile() || !keytabFile.canRead()) {
      throw new IllegalArgumentException(KERBEROS_KEYTAB + ": no readable file at '" + keytab
          + "'; point it at the keytab holding " + principal);
    }
    // As Hadoop daemons do: _HOST becomes the host we listen on (the local host's name for 0.0.0.0).
    String resolved = SecurityUtil.getServerPrincipal(principal, address.getHostString());
    return new KerberosSettings(resolved, keytab, conf.getTrimmed(KERBEROS_NAME_RULES, DEFAULT_KERBEROS_NAME_RULES));
  }

  /** Runs a parser, prefixing its complaint with the key it came from. */
  private static <T> T parse(String key, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }
}
