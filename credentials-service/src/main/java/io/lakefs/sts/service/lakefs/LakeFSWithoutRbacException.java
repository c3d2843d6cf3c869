package io.lakefs.sts.service.lakefs;

/**
 * lakeFS keeps no policies the service could read: lakeFS Community, whose single administrator holds every
 * permission, answers 501 to a user's policy listing. Without them the service cannot decide for a user who
 * sent no lakeFS key; such a caller must send its own key. The service answers 403.
 */
public final class LakeFSWithoutRbacException extends LakeFSException {
  LakeFSWithoutRbacException(String message, Throwable cause) {
    super(message, cause);
  }
}
