package io.lakefs.sts.service.auth;

import java.util.Objects;

/**
 * How the service accepts Kerberos (SPNEGO, scheme {@code negotiate}): the HTTP service principal with
 * {@code _HOST} already resolved, the keytab that holds its key, and the {@code auth_to_local} rules that
 * turn a caller's principal into the lakeFS user id the service's delegation tokens are issued to.
 *
 * @param principal e.g. {@code HTTP/host.example.com@EXAMPLE.COM}
 * @param keytab path of the keytab file (a path, not a secret; the file itself is one)
 * @param nameRules Hadoop {@code auth_to_local} rules, e.g. one mapping {@code yarn/<host>@REALM} to {@code yarn},
 *     then {@code DEFAULT} (README.md has the syntax)
 */
public record KerberosSettings(String principal, String keytab, String nameRules) {
  public KerberosSettings {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(keytab, "keytab");
    Objects.requireNonNull(nameRules, "nameRules");
  }
}
