package io.lakefs.sts.testsupport.hadoop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;

/**
 * A Hadoop credential provider file (JCEKS) holding one secret, as the examples tell users to keep a lakeFS secret:
 * out of every job configuration, readable on the submitting side only.
 */
public final class CredentialProviderFile {
  private CredentialProviderFile() {
  }

  /**
   * Writes {@code file} afresh with {@code secret} under {@code alias} (a configuration key, e.g.
   * {@code fs.s3a.ext.lakefs.secret.key}) and returns its provider path, for
   * {@code hadoop.security.credential.provider.path}.
   */
  public static String write(Path file, String alias, String secret) throws IOException {
    Files.deleteIfExists(file);
    String path = "jceks://file" + file.toAbsolutePath();
    Configuration conf = new Configuration(false);
    conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, path);
    List<CredentialProvider> providers = CredentialProviderFactory.getProviders(conf);
    CredentialProvider provider = providers.get(0);
    provider.createCredentialEntry(alias, secret.toCharArray());
    provider.flush();
    return path;
  }
}
