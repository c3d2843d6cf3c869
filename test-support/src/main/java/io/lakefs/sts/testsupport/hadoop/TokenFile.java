package io.lakefs.sts.testsupport.hadoop;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;

/** A token's way to a YARN container: written to a token storage file, read back by a user holding nothing else. */
public final class TokenFile {
  private TokenFile() {
  }

  /** Writes {@code token} to {@code file} and returns a fresh {@code user} holding what the file gave back. */
  public static UserGroupInformation handOff(Token<?> token, File file, String user) throws IOException {
    Credentials written = new Credentials();
    written.addToken(token.getService(), token);
    Configuration conf = new Configuration(false);
    written.writeTokenStorageFile(new Path(file.toURI()), conf);
    UserGroupInformation receiver = UserGroupInformation.createRemoteUser(user);
    receiver.addCredentials(Credentials.readTokenStorageFile(file, conf));
    return receiver;
  }
}
