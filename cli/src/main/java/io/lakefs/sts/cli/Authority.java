package io.lakefs.sts.cli;

import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.CredentialsAnswer;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * What {@code lakefs-sts} proves who the caller is with, found by {@link Authorities} in its documented order.
 * {@link #describe()} names it without a secret, for messages.
 */
interface Authority {
  /** E.g. "the LAKEFS_STS token of lakeFS user alice in /path (HADOOP_TOKEN_FILE_LOCATION)". */
  String describe();

  /** Distinguishes callers in the cache; may hold a secret, so it is only ever hashed. */
  String cacheIdentity();

  /** The endpoints the authority itself names (a token's); empty when it names none. */
  List<URI> endpoints();

  /** STS credentials for the repositories and access, from the service. */
  CredentialsAnswer credentials(CredentialsServiceClient client, List<String> repositories, Access access)
      throws IOException;
}
