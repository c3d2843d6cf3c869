package io.lakefs.sts.service.lakefs;

/**
 * The request carried no lakeFS credentials that lakeFS could read: no Authorization header, another
 * scheme than Basic, or Basic credentials that do not decode to {@code accessKeyId:secret}. lakeFS was not
 * asked.
 */
public final class MalformedAuthorizationException extends LakeFSAuthenticationException {
  MalformedAuthorizationException(String message) {
    this(message, null);
  }

  MalformedAuthorizationException(String message, String accessKeyId) {
    super(message, accessKeyId, null);
  }
}
