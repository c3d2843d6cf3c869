package io.lakefs.sts.service.lakefs.rbac;

/**
 * lakeFS's {@code CheckResult}: only {@link #ALLOW} grants. {@link #NEUTRAL} is "no statement matched",
 * which lakeFS refuses like a deny but which, unlike a deny, another allowed alternative can outweigh.
 */
public enum Decision {
  ALLOW,
  NEUTRAL,
  DENY
}
