package io.lakefs.sts.hadoop.token;

import io.lakefs.sts.hadoop.client.LakeFSLoginToken;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.fs.s3a.auth.delegation.AbstractS3ATokenIdentifier;
import org.apache.hadoop.fs.s3a.auth.delegation.EncryptionSecrets;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableUtils;

/**
 * The identifier of a lakeFS STS delegation token (kind {@value TokenKinds#LAKEFS_STS}): what a driver writes into the
 * job's Hadoop {@code Credentials}, what executors read to reach S3 as the lakeFS user, and what the YARN RM
 * decodes to renew and cancel the token. It extends S3A's {@link AbstractS3ATokenIdentifier} so S3A's
 * delegation-token machinery can carry it, and — like its parent — touches no AWS SDK class, because the RM
 * loads it without the SDK.
 *
 * <p>Besides the parent's fields it carries the lakeFS user, the credentials-service endpoints, the
 * service's own delegation token (to refresh, renew and cancel; a secret), the granted scope, optionally
 * STS credentials so executors start without a network call, and optionally a lakeFS login token (a JWT, a
 * secret) for executors' metadata calls to lakeFS. The wire format is versioned; see
 * {@link #write(DataOutput)}; version 1 (without the login token) is still read. Values are set only through {@link #builder()}; {@link #readFields(DataInput)}
 * is the one other writer, as Hadoop's {@code Writable} contract requires.
 */
public final class LakeFSTokenIdentifier extends AbstractS3ATokenIdentifier {


  /** The token kind, as a fresh {@link Text} each time: Text is mutable, so no shared instance is handed out. */
  public static Text kind() {
    return new Text(TokenKinds.LAKEFS_STS);
  }

  /** The version of the fields this class adds after its parent's; bump it when they change. */
  static final int FORMAT_VERSION = 2;
  /** The first version: no lakeFS login token. Still read, so tokens issued before an upgrade keep working. */
  static final int FORMAT_VERSION_WITHOUT_LOGIN = 1;
  /** Longest string field accepted, in UTF-8 bytes; bounds what a corrupt or hostile token can allocate. */
  static final int MAX_STRING_BYTES = 64 * 1024;
  /** Most entries accepted in a list field (endpoints, scope). */
  static final int MAX_LIST_ENTRIES = 1000;

  private String lakeFSUser = "";
  private List<URI> serviceEndpoints = Collections.emptyList();
  private Secret serviceToken = Secret.of("");
  private List<String> scope = Collections.emptyList();
  private EmbeddedStsCredentials credentials;
  private LakeFSLoginToken login;

  /** For Hadoop's service loader and {@code Token.decodeIdentifier()}; fields come from readFields. */
  public LakeFSTokenIdentifier() {
    super(kind());
  }

  private LakeFSTokenIdentifier(Builder b) {
    super(kind(), b.uri, new Text(b.owner), new Text(b.renewer), b.origin, b.encryptionSecrets);
    setRealUser(new Text(b.realUser));
    if (b.issueDate != null) {
      setIssueDate(b.issueDate);
    }
    setMaxDate(b.maxDate);
    setSequenceNumber(b.sequenceNumber);
    this.lakeFSUser = b.lakeFSUser;
    this.serviceEndpoints = b.serviceEndpoints;
    this.serviceToken = b.serviceToken;
    this.scope = b.scope;
    this.credentials = b.credentials;
    this.login = b.login;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Text getKind() {
    return kind();
  }

  /** The lakeFS user the credentials act for (the lakeFS user id, not the Kerberos owner). */
  public String getLakeFSUser() {
    return lakeFSUser;
  }

  /** Credentials-service endpoints, in order of preference; several when the service runs as several instances. */
  public List<URI> getServiceEndpoints() {
    return serviceEndpoints;
  }

  /** The service's own delegation token, as {@code Token.encodeToUrlString()}; used to refresh, renew, cancel. */
  public Secret getServiceToken() {
    return serviceToken;
  }

  /** The granted scope, one entry per grant, as the service wrote it (e.g. {@code s3://bucket/prefix/ read}). */
  public List<String> getScope() {
    return scope;
  }

  /** STS credentials embedded at issue time, if the issuer embedded any. */
  public Optional<EmbeddedStsCredentials> getCredentials() {
    return Optional.ofNullable(credentials);
  }

  /** The lakeFS login token for executors' metadata calls, if the driver logged in to lakeFS. */
  public Optional<LakeFSLoginToken> getLakeFSLogin() {
    return Optional.ofNullable(login);
  }

  /**
   * Writes the parent's fields (Hadoop's delegation-token fields, then S3A's URI, origin, uuid, encryption
   * secrets and creation time), then this class's, in this order: format version (int); lakeFS user;
   * endpoint count (vint) and each endpoint; service token; scope count (vint) and each entry; a boolean
   * saying whether credentials follow, and if so access key id, secret key, session token, expiration
   * (long, epoch millis); since version 2, a boolean saying whether a lakeFS login token follows, and if so
   * the lakeFS endpoint, the JWT and its expiration (long, epoch millis). Strings are Hadoop {@link Text}
   * strings (vint length, UTF-8).
   */
  @Override
  public void write(DataOutput out) throws IOException {
    super.write(out);
    out.writeInt(FORMAT_VERSION);
    writeString(out, "lakeFS user", lakeFSUser);
    writeCount(out, "service endpoints", serviceEndpoints.size());
    for (URI endpoint : serviceEndpoints) {
      writeString(out, "service endpoint", endpoint.toString());
    }
    writeString(out, "service token", serviceToken.reveal());
    writeCount(out, "scope entries", scope.size());
    for (String grant : scope) {
      writeString(out, "scope entry", grant);
    }
    out.writeBoolean(credentials != null);
    if (credentials != null) {
      writeString(out, "access key id", credentials.accessKeyId());
      writeString(out, "secret key", credentials.secretAccessKey().reveal());
      writeString(out, "session token", credentials.sessionToken().reveal());
      out.writeLong(credentials.expirationEpochMillis());
    }
    out.writeBoolean(login != null);
    if (login != null) {
      writeString(out, "lakeFS endpoint", login.lakeFSEndpoint().toString());
      writeString(out, "lakeFS login token", login.token().reveal());
      out.writeLong(login.expirationEpochMillis());
    }
  }

  /**
   * Reads what {@link #write(DataOutput)} wrote. Hadoop calls this from {@code Token.toString()} and expects
   * only {@link IOException} on bad input, so every failure — truncation, an unknown version, an oversized
   * length, malformed text — surfaces as one, and every length is bounded before anything is allocated.
   */
  @Override
  public void readFields(DataInput in) throws IOException {
    try {
      readParentFields(in);
      int version = in.readInt();
      if (version != FORMAT_VERSION && version != FORMAT_VERSION_WITHOUT_LOGIN) {
        throw new IOException("lakeFS STS token identifier has format version " + version
            + ", but this hadoop-tokens library reads only versions " + FORMAT_VERSION_WITHOUT_LOGIN + " and "
            + FORMAT_VERSION + "; use a hadoop-tokens version on the reading side at least as new as the issuing one");
      }
      String user = readString(in, "lakeFS user");
      int endpointCount = readCount(in, "service endpoints");
      List<URI> endpoints = new ArrayList<>(endpointCount);
      for (int i = 0; i < endpointCount; i++) {
        endpoints.add(parseUri(readString(in, "service endpoint")));
      }
      Secret token = Secret.of(readString(in, "service token"));
      int scopeCount = readCount(in, "scope entries");
      List<String> grants = new ArrayList<>(scopeCount);
      for (int i = 0; i < scopeCount; i++) {
        grants.add(readString(in, "scope entry"));
      }
      EmbeddedStsCredentials embedded = null;
      if (in.readBoolean()) {
        String accessKeyId = readString(in, "access key id");
        Secret secretKey = Secret.of(readString(in, "secret key"));
        Secret sessionToken = Secret.of(readString(in, "session token"));
        embedded = new EmbeddedStsCredentials(accessKeyId, secretKey, sessionToken, in.readLong());
      }
      LakeFSLoginToken loginToken = null;
      if (version >= FORMAT_VERSION && in.readBoolean()) {
        URI lakeFS = parseUri(readString(in, "lakeFS endpoint"));
        Secret jwt = Secret.of(readString(in, "lakeFS login token"));
        loginToken = new LakeFSLoginToken(lakeFS, jwt, in.readLong());
      }
      // Assign only once everything has been read, so a failed read leaves no half-updated identifier.
      this.lakeFSUser = user;
      this.serviceEndpoints = Collections.unmodifiableList(endpoints);
      this.serviceToken = token;
      this.scope = Collections.unmodifiableList(grants);
      this.credentials = embedded;
      this.login = loginToken;
    } catch (RuntimeException e) {
      // Unchecked exceptions from our own checks on garbage; Hadoop needs IOException. Neither message nor
      // cause is kept: either may quote bytes that, in a corrupt token, belong to a secret.
      throw new IOException("Malformed lakeFS STS token identifier (" + e.getClass().getSimpleName()
          + "); the token is corrupt, obtain a new one");
    }
  }

  /**
   * The parent's fields. Its failures (URI.create's IllegalArgumentException, S3A's encryption-method check)
   * quote the bytes they read, which in a corrupt token with a shifted length can be our secrets, so they are
   * reported by type only.
   */
  private void readParentFields(DataInput in) throws IOException {
    try {
      super.readFields(in);
    } catch (java.io.EOFException e) {
      throw new java.io.EOFException("lakeFS STS token identifier is truncated in its Hadoop/S3A fields");
    } catch (IOException | RuntimeException e) {
      throw new IOException("lakeFS STS token identifier: malformed Hadoop/S3A fields ("
          + e.getClass().getSimpleName() + "); the token is corrupt, obtain a new one");
    }
  }

  private static void writeString(DataOutput out, String field, String value) throws IOException {
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
      throw new IOException("lakeFS STS token identifier: " + field + " is longer than " + MAX_STRING_BYTES
          + " bytes and could not be read back; shorten it");
    }
    Text.writeString(out, value);
  }

  private static void writeCount(DataOutput out, String field, int count) throws IOException {
    if (count > MAX_LIST_ENTRIES) {
      throw new IOException("lakeFS STS token identifier: " + count + " " + field + " exceed the limit of "
          + MAX_LIST_ENTRIES + "; issue several tokens instead");
    }
    WritableUtils.writeVInt(out, count);
  }

  private static String readString(DataInput in, String field) throws IOException {
    try {
      return Text.readString(in, MAX_STRING_BYTES);
    } catch (IOException e) {
      // Never include the bytes read: the field may be a secret.
      throw new IOException("lakeFS STS token identifier: cannot read the " + field + " (" + e.getClass()
          .getSimpleName() + "); the token is truncated or corrupt", e);
    }
  }

  private static int readCount(DataInput in, String field) throws IOException {
    try {
      return WritableUtils.readVIntInRange(in, 0, MAX_LIST_ENTRIES);
    } catch (IOException e) {
      throw new IOException("lakeFS STS token identifier: cannot read the number of " + field + " (at most "
          + MAX_LIST_ENTRIES + "): " + e.getMessage() + "; the token is truncated or corrupt", e);
    }
  }

  private static URI parseUri(String text) throws IOException {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      // Reason and index only: the input may be secret bytes in a corrupt token.
      throw new IOException("lakeFS STS token identifier: an endpoint is not a URI (" + e.getReason()
          + " at index " + e.getIndex() + "); the token is corrupt, obtain a new one");
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!super.equals(o)) {
      return false;
    }
    LakeFSTokenIdentifier that = (LakeFSTokenIdentifier) o;
    return lakeFSUser.equals(that.lakeFSUser)
        && serviceEndpoints.equals(that.serviceEndpoints)
        && serviceToken.equals(that.serviceToken)
        && scope.equals(that.scope)
        && Objects.equals(credentials, that.credentials)
        && Objects.equals(login, that.login)
        && Objects.equals(getOrigin(), that.getOrigin())
        && getCreated() == that.getCreated();
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), lakeFSUser, serviceEndpoints, scope, credentials, login);
  }

  /**
   * What {@code hadoop dtutil print} shows; names no secret (not the service token, secret key, session token
   * or lakeFS login token).
   */
  @Override
  public String toString() {
    return "LakeFSTokenIdentifier{kind=" + TokenKinds.LAKEFS_STS
        + ", owner=" + getOwner()
        + ", renewer=" + getRenewer()
        + ", realUser=" + getRealUser()
        + ", lakeFSUser=" + lakeFSUser
        + ", uri=" + getUri()
        + ", endpoints=" + serviceEndpoints
        + ", scope=" + scope
        + ", credentials=" + (credentials == null ? "none" : credentials)
        + ", lakeFSLogin=" + (login == null ? "none" : login)
        + ", issued=" + Instant.ofEpochMilli(getIssueDate())
        + ", maxDate=" + Instant.ofEpochMilli(getMaxDate())
        + ", sequence=" + getSequenceNumber()
        + ", uuid=" + getUuid()
        + ", origin=" + getOrigin()
        + ", serviceToken=" + serviceToken
        + "}";
  }

  /** Collects the fields of a new identifier; {@link #build()} checks them. */
  public static final class Builder {
    private String owner = "";
    private String renewer = "";
    private String realUser = "";
    private URI uri;
    private String origin = "";
    private EncryptionSecrets encryptionSecrets = new EncryptionSecrets();
    private Long issueDate;
    private long maxDate;
    private int sequenceNumber;
    private String lakeFSUser;
    private List<URI> serviceEndpoints = Collections.emptyList();
    private Secret serviceToken;
    private List<String> scope = Collections.emptyList();
    private EmbeddedStsCredentials credentials;
    private LakeFSLoginToken login;

    private Builder() {
    }

    public Builder owner(String value) {
      owner = Objects.requireNonNull(value, "owner");
      return this;
    }

    public Builder renewer(String value) {
      renewer = Objects.requireNonNull(value, "renewer");
      return this;
    }

    public Builder realUser(String value) {
      realUser = Objects.requireNonNull(value, "realUser");
      return this;
    }

    /** The S3A canonical URI the token is for (e.g. {@code s3a://bucket}). */
    public Builder uri(URI value) {
      uri = value;
      return this;
    }

    public Builder origin(String value) {
      origin = Objects.requireNonNull(value, "origin");
      return this;
    }

    /** S3A's encryption settings, so executors bound to the token write as the driver would; default none. */
    public Builder encryptionSecrets(EncryptionSecrets value) {
      encryptionSecrets = Objects.requireNonNull(value, "encryptionSecrets");
      return this;
    }

    /** Issue date, epoch millis; defaults to now. */
    public Builder issueDate(long epochMillis) {
      issueDate = epochMillis;
      return this;
    }

    /** Latest time the token can be renewed to, epoch millis. */
    public Builder maxDate(long epochMillis) {
      maxDate = epochMillis;
      return this;
    }

    public Builder sequenceNumber(int value) {
      sequenceNumber = value;
      return this;
    }

    public Builder lakeFSUser(String value) {
      lakeFSUser = value;
      return this;
    }

    public Builder serviceEndpoints(List<URI> value) {
      serviceEndpoints = Collections.unmodifiableList(new ArrayList<>(value));
      return this;
    }

    public Builder serviceToken(Secret value) {
      serviceToken = value;
      return this;
    }

    public Builder scope(List<String> value) {
      scope = Collections.unmodifiableList(new ArrayList<>(value));
      return this;
    }

    public Builder credentials(EmbeddedStsCredentials value) {
      credentials = value;
      return this;
    }

    /** The lakeFS login token for executors' metadata calls; default none. */
    public Builder lakeFSLogin(LakeFSLoginToken value) {
      login = value;
      return this;
    }

    public LakeFSTokenIdentifier build() {
      if (uri == null) {
        throw new IllegalArgumentException("lakeFS STS token identifier needs the S3A URI it is for; set uri(...)");
      }
      if (lakeFSUser == null || lakeFSUser.isEmpty()) {
        throw new IllegalArgumentException("lakeFS STS token identifier needs the lakeFS user; set lakeFSUser(...)");
      }
      if (serviceEndpoints.isEmpty()) {
        throw new IllegalArgumentException(
            "lakeFS STS token identifier needs at least one credentials-service endpoint; set serviceEndpoints(...)");
      }
      if (serviceToken == null || serviceToken.isEmpty()) {
        throw new IllegalArgumentException(
            "lakeFS STS token identifier needs the service's delegation token; set serviceToken(...)");
      }
      if (serviceEndpoints.size() > MAX_LIST_ENTRIES || scope.size() > MAX_LIST_ENTRIES) {
        throw new IllegalArgumentException("lakeFS STS token identifier holds at most " + MAX_LIST_ENTRIES
            + " endpoints and " + MAX_LIST_ENTRIES + " scope entries; got " + serviceEndpoints.size()
            + " and " + scope.size());
      }
      // Checked here, not only in write(): TokenIdentifier.getBytes() turns write's IOException into a
      // RuntimeException, far from the code that set the value.
      // S3A reads its URI and origin with a limit of MAX_TEXT_LENGTH, ours with MAX_STRING_BYTES.
      requireReadable("uri", uri.toString(), MAX_TEXT_LENGTH);
      requireReadable("origin", origin, MAX_TEXT_LENGTH);
      List<String> ours = new ArrayList<>(Arrays.asList(lakeFSUser, serviceToken.reveal()));
      serviceEndpoints.forEach(e -> ours.add(e.toString()));
      ours.addAll(scope);
      if (credentials != null) {
        ours.addAll(Arrays.asList(credentials.accessKeyId(), credentials.secretAccessKey().reveal(),
            credentials.sessionToken().reveal()));
      }
      if (login != null) {
        ours.addAll(Arrays.asList(login.lakeFSEndpoint().toString(), login.token().reveal()));
      }
      for (String value : ours) {
        requireReadable("lakeFS field", value, MAX_STRING_BYTES);
      }
      return new LakeFSTokenIdentifier(this);
    }

    private static void requireReadable(String field, String value, int maxBytes) {
      // The message names the field, never the value: it may be a secret.
      if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
        throw new IllegalArgumentException("lakeFS STS token identifier: a " + field + " is longer than "
            + maxBytes + " bytes and could not be read back; shorten it");
      }
    }
  }
}
