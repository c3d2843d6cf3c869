package io.lakefs.sts.testsupport.lakefs;

import static io.lakefs.sts.testsupport.lakefs.LakeFSPermissions.objectArn;
import static io.lakefs.sts.testsupport.lakefs.LakeFSPermissions.repositoryArn;

import io.lakefs.sts.testsupport.lakefs.LakeFSApi.Answer;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * lakeFSFS's data path, as lakeFS's handlers answer it: {@code getPhysicalAddress} and
 * {@code linkPhysicalAddress} (staging), {@code statObject} and {@code listObjects}, each checking its
 * permission first (fs:WriteObject, fs:ReadObject on the object, fs:ListObjects on the repository).
 */
final class ObjectEndpoints {
  /** lakeFS's {@code DefaultMaxPerPage}: the most entries one listing page holds. */
  static final int MAX_PER_PAGE = 1000;

  private final LakeFSDescription description;
  private final StandInAccounts accounts;
  private final StandInCatalog catalog;
  private final PhysicalAddresses addresses = new PhysicalAddresses();
  private final Clock clock;

  ObjectEndpoints(LakeFSDescription description, StandInAccounts accounts, StandInCatalog catalog, Clock clock) {
    this.description = description;
    this.accounts = accounts;
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * lakeFS's {@code GetPhysicalAddress}: fs:WriteObject on the path, then a fresh signed address under the
   * namespace's {@code data/}. Like lakeFS, it records nothing and checks neither the branch nor whether the
   * repository is read-only; those are checked when the address is linked.
   */
  Answer getPhysicalAddress(StandInCaller caller, String repository, String branch,
      Map<String, String> query) {
    Optional<Answer> refused = refusedOnPath(caller, repository, query, LakeFSPermissions.WRITE_OBJECT);
    if (refused.isPresent()) {
      return refused.get();
    }
    String path = query.get("path");
    return description.repository(repository)
        .map(found -> caller.answer(200, LakeFSJson.stagingLocation(
            addresses.generate(found.storageNamespace(), repository, branch, path))))
        .orElseGet(() -> caller.error(404, LakeFSApi.REPOSITORY_NOT_FOUND));
  }

  /**
   * lakeFS's {@code LinkPhysicalAddress}: fs:WriteObject on the path; an address under the namespace's
   * {@code data/} must be one this stand-in handed out for this repository, branch and path; a checksum is
   * required; the object is then staged on the branch.
   */
  Answer linkPhysicalAddress(StandInCaller caller, String repository, String branch,
      Map<String, String> query, String body) {
    Optional<Answer> refused = refusedOnPath(caller, repository, query, LakeFSPermissions.WRITE_OBJECT);
    if (refused.isPresent()) {
      return refused.get();
    }
    String path = query.get("path");
    Map<String, Object> metadata;
    try {
      metadata = MiniJson.parseObject(body);
    } catch (IllegalArgumentException malformed) {
      return caller.error(400, "request body has an error: doesn't match schema: " + malformed.getMessage());
    }
    if (!(metadata.get("staging") instanceof Map<?, ?> staging)
        || !(staging.get("physical_address") instanceof String physicalAddress)
        || !(metadata.get("checksum") instanceof String rawChecksum)
        || !(metadata.get("size_bytes") instanceof BigDecimal sizeBytes)) {
      return caller.error(400, "request body has an error: doesn't match schema #/components/schemas/"
          + "StagingMetadata: properties \"staging\" (with \"physical_address\"), \"checksum\" and \"size_bytes\" "
          + "are required");
    }
    Optional<StandInRepository> found = description.repository(repository);
    if (found.isEmpty()) {
      return caller.error(404, LakeFSApi.REPOSITORY_NOT_FOUND);
    }
    String namespace = found.get().storageNamespace();
    if (PhysicalAddresses.isUnderData(namespace, physicalAddress)) {
      String invalid = addresses.refusal(namespace, repository, branch, path, physicalAddress);
      if (invalid != null) {
        return caller.error(400, invalid);
      }
    }
    // lakeFS's httputil.StripQuotesAndSpaces: an ETag arrives quoted.
    String checksum = rawChecksum.replace("\"", "").strip();
    if (checksum.isEmpty()) {
      return caller.error(400, "checksum is required");
    }
    if (found.get().readOnly()) {
      return caller.error(403, "read-only repository");
    }
    long mtime = metadata.get("mtime") instanceof BigDecimal given ? given.longValue()
        : clock.instant().getEpochSecond();
    String contentType = metadata.get("content_type") instanceof String given && !given.isEmpty() ? given
        : "application/octet-stream";
    Map<String, String> userMetadata = new TreeMap<>();
    if (metadata.get("user_metadata") instanceof Map<?, ?> given) {
      given.forEach((key, value) -> userMetadata.put(String.valueOf(key), String.valueOf(value)));
    }
    StandInObject object = new StandInObject(path, physicalAddress, checksum, sizeBytes.longValue(), contentType,
        userMetadata, mtime);
    if (!catalog.stage(repository, branch, object)) {
      return caller.error(404, "branch not found");
    }
    return caller.answer(200, LakeFSJson.objectStats(object));
  }

  Answer statObject(StandInCaller caller, String repository, String ref, Map<String, String> query) {
    Optional<Answer> refused = refusedOnPath(caller, repository, query, LakeFSPermissions.READ_OBJECT);
    if (refused.isPresent()) {
      return refused.get();
    }
    String path = query.get("path");
    if (description.repository(repository).isEmpty()) {
      return caller.error(404, LakeFSApi.REPOSITORY_NOT_FOUND);
    }
    return catalog.objectsAt(repository, ref)
        .flatMap(objects -> Optional.ofNullable(objects.get(path)))
        .map(object -> caller.answer(200, LakeFSJson.objectStats(object)))
        .orElseGet(() -> caller.error(404, LakeFSApi.NOT_FOUND));
  }

  /** lakeFS's {@code ListObjects}: fs:ListObjects on the repository; prefix, after, amount and delimiter. */
  Answer listObjects(StandInCaller caller, String repository, String ref, Map<String, String> query) {
    Optional<Answer> refused = caller.unlessAllowed(accounts,
        LakeFSPermissions.LIST_OBJECTS, repositoryArn(repository));
    if (refused.isPresent()) {
      return refused.get();
    }
    if (description.repository(repository).isEmpty()) {
      return caller.error(404, LakeFSApi.REPOSITORY_NOT_FOUND);
    }
    int amount;
    try {
      amount = Integer.parseInt(query.getOrDefault("amount", String.valueOf(MAX_PER_PAGE)));
    } catch (NumberFormatException e) {
      return caller.error(400, "parameter \"amount\" in query has an error: value " + query.get("amount")
          + ": an invalid integer: invalid syntax");
    }
    if (amount < -1) {
      return caller.error(400, "parameter \"amount\" in query has an error: number must be at least -1");
    }
    amount = amount <= 0 || amount > MAX_PER_PAGE ? MAX_PER_PAGE : amount;
    Optional<NavigableMap<String, StandInObject>> objects = catalog.objectsAt(repository, ref);
    if (objects.isEmpty()) {
      return caller.error(404, LakeFSApi.NOT_FOUND);
    }
    String prefix = query.getOrDefault("prefix", "");
    String after = query.getOrDefault("after", "");
    String delimiter = query.getOrDefault("delimiter", "");
    List<LakeFSJson.ListedEntry> entries = new ArrayList<>();
    boolean hasMore = false;
    for (StandInObject object : objects.get().tailMap(prefix, true).values()) {
      if (!object.path().startsWith(prefix)) {
        break;
      }
      LakeFSJson.ListedEntry entry = listed(object, prefix, delimiter);
      boolean repeat = !entries.isEmpty() && entries.get(entries.size() - 1).path().equals(entry.path());
      if (repeat || entry.path().compareTo(after) <= 0) {
        continue;
      }
      if (entries.size() == amount) {
        hasMore = true;
        break;
      }
      entries.add(entry);
    }
    return caller.answer(200, LakeFSJson.objectStatsList(entries, hasMore, MAX_PER_PAGE));
  }

  private static LakeFSJson.ListedEntry listed(StandInObject object, String prefix, String delimiter) {
    if (!delimiter.isEmpty()) {
      int cut = object.path().indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        return new LakeFSJson.ListedEntry(object.path().substring(0, cut + delimiter.length()), Optional.empty());
      }
    }
    return new LakeFSJson.ListedEntry(object.path(), Optional.of(object));
  }

  /**
   * What lakeFS answers before an object call's handler runs: 400 without the required {@code path} (its request
   * validation), else 401 when the caller lacks {@code action} on that object; empty when the call may go on.
   */
  private Optional<Answer> refusedOnPath(StandInCaller caller, String repository, Map<String, String> query,
      String action) {
    String path = query.get("path");
    if (path == null) {
      return Optional.of(caller.missingQueryParameter("path"));
    }
    return caller.unlessAllowed(accounts, action, objectArn(repository, path));
  }
}
