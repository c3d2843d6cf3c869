/**
 * The HTTP client of the lakeFS credentials service: delegation tokens and STS credentials, authenticated by
 * a lakeFS key, a Kerberos login or the service's own token. Used on drivers, executors and the YARN RM;
 * Hadoop's own HTTP stack (JDK {@code HttpURLConnection}, hadoop-auth for SPNEGO) and no other library.
 */
package io.lakefs.sts.hadoop.client;
