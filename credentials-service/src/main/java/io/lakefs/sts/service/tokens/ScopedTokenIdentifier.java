package io.lakefs.sts.service.tokens;

import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.StorageNamespace;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenIdentifier;

/**
 * The identifier of the service's delegation tokens (kind {@code LAKEFS_STS_DELEGATION_TOKEN}): Hadoop's
 * web delegation-token fields, then the scope lakeFS allowed its owner when it was issued. The secret manager
 * signs these bytes (HMAC), so the scope travels with the token and cannot be altered; executors and the RM
 * present it to get credentials without holding any lakeFS secret. Nothing in it is secret.
 */
public final class ScopedTokenIdentifier extends DelegationTokenIdentifier {
  /**
   * The version of the fields this class adds after its parent's; bump it when they change. Version 2 added
   * the repositories' lakeFS storage ids; version 1 tokens (all on the default storage) are still read.
   */
  static final int FORMAT_VERSION = 2;
  private static final int FIRST_FORMAT_VERSION = 1;
  static final int MAX_STRING_BYTES = 4 * 1024;
  static final int MAX_LIST_ENTRIES = 1000;

  private String lakeFSUser = "";
  private ResolvedScope scope = new ResolvedScope(AccessLevel.READ, Map.of());

  /** For readFields: Hadoop's secret managers create empty identifiers and read them. */
  public ScopedTokenIdentifier(Text kind) {
    super(kind);
  }

  public ScopedTokenIdentifier(Text kind, Text owner, Text renewer, String lakeFSUser, ResolvedScope scope) {
    this(kind, owner, renewer, null, lakeFSUser, scope);
  }

  /** @param realUser the superuser that obtained the token for the owner ({@code doAs}), or null */
  public ScopedTokenIdentifier(Text kind, Text owner, Text renewer, Text realUser, String lakeFSUser,
      ResolvedScope scope) {
    super(kind, owner, renewer, realUser);
    this.lakeFSUser = Objects.requireNonNull(lakeFSUser, "lakeFSUser");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /** The lakeFS user whose key was checked when the token was issued; credentials are issued to them. */
  public String lakeFSUser() {
    return lakeFSUser;
  }

  public ResolvedScope scope() {
    return scope;
  }

  /**
   * Writes the parent's fields, then: format version (int); lakeFS user; access ("read"/"write"/"gc");
   * repository count (vint) and, per repository, its id, its location count (vint) and each location; then
   * the count of repositories on a non-default storage (vint) and, per such repository, its id and storage id.
   * Strings are Hadoop {@link Text} strings.
   */
  @Override
  public void write(DataOutput out) throws IOException {
    super.write(out);
    out.writeInt(FORMAT_VERSION);
    writeString(out, lakeFSUser);
    writeString(out, scope.access().wireName());
    writeCount(out, scope.locations().size());
    for (Map.Entry<String, List<StorageNamespace>> repository : scope.locations().entrySet()) {
      writeString(out, repository.getKey());
      writeCount(out, repository.getValue().size());
      for (StorageNamespace location : repository.getValue()) {
        writeString(out, location.toString());
      }
    }
    writeCount(out, scope.storageIds().size());
    for (Map.Entry<String, String> storage : scope.storageIds().entrySet()) {
      writeString(out, storage.getKey());
      writeString(out, storage.getValue());
    }
  }

  /**
   * Reads what {@link #write(DataOutput)} wrote, bounding every length before allocating; any malformed input
   * (truncated, unknown version, oversized, unparsable) is an {@link IOException} that says so.
   */
  @Override
  public void readFields(DataInput in) throws IOException {
    int version;
    try {
      super.readFields(in);
      version = in.readInt();
    } catch (IOException | RuntimeException e) {
      throw malformed(e);
    }
    if (version != FORMAT_VERSION && version != FIRST_FORMAT_VERSION) {
      throw new IOException("the delegation token has format version " + version + ", this service reads "
          + FORMAT_VERSION + "; obtain a new token from this service");
    }
    try {
      String user = Text.readString(in, MAX_STRING_BYTES);
      AccessLevel access = AccessLevel.parse(Text.readString(in, MAX_STRING_BYTES));
      int repositories = WritableUtils.readVIntInRange(in, 0, MAX_LIST_ENTRIES);
      Map<String, List<StorageNamespace>> locations = new LinkedHashMap<>();
      for (int i = 0; i < repositories; i++) {
        String repository = Text.readString(in, MAX_STRING_BYTES);
        int count = WritableUtils.readVIntInRange(in, 0, MAX_LIST_ENTRIES);
        List<StorageNamespace> reached = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
          reached.add(StorageNamespace.parse(Text.readString(in, MAX_STRING_BYTES)));
        }
        locations.put(repository, reached);
      }
      Map<String, String> storageIds = new LinkedHashMap<>();
      int storages = version == FIRST_FORMAT_VERSION ? 0 : WritableUtils.readVIntInRange(in, 0, MAX_LIST_ENTRIES);
      for (int i = 0; i < storages; i++) {
        storageIds.put(Text.readString(in, MAX_STRING_BYTES), Text.readString(in, MAX_STRING_BYTES));
      }
      // Assigned only once everything was read: a failed read leaves no half-filled identifier.
      this.lakeFSUser = user;
      this.scope = new ResolvedScope(access, locations, storageIds);
    } catch (IOException | RuntimeException e) {
      throw malformed(e);
    }
  }

  private static IOException malformed(Exception e) {
    return new IOException("the delegation token is malformed (" + e.getClass().getSimpleName()
        + "); it is truncated or corrupt, obtain a new one", e);
  }

  private static void writeString(DataOutput out, String value) throws IOException {
    if (Text.encode(value).limit() > MAX_STRING_BYTES) {
      throw new IOException("a delegation token field is longer than " + MAX_STRING_BYTES + " bytes");
    }
    Text.writeString(out, value);
  }

  private static void writeCount(DataOutput out, int count) throws IOException {
    if (count > MAX_LIST_ENTRIES) {
      throw new IOException("a delegation token holds at most " + MAX_LIST_ENTRIES + " repositories or locations"
          + " per repository; ask for fewer repositories per token");
    }
    WritableUtils.writeVInt(out, count);
  }

  /**
   * Hadoop keys its token stores by identifier and compares only its own fields; the scope takes part here
   * so that an identifier with an edited scope is a different token.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof ScopedTokenIdentifier that && super.equals(that) && lakeFSUser.equals(that.lakeFSUser)
        && scope.equals(that.scope);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return super.toString() + ", lakeFSUser=" + lakeFSUser + ", access=" + scope.access().wireName()
        + ", repositories=" + scope.repositories();
  }
}
