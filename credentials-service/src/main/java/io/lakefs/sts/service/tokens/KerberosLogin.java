package io.lakefs.sts.service.tokens;

/** The principal and keytab the service logs in to ZooKeeper with (SASL). Neither is a secret: a keytab is a path. */
public record KerberosLogin(String principal, String keytab) {
}
