/**
 * Who is calling: hadoop-auth's delegation-token filter with the schemes the service offers (lakeFS keys as
 * HTTP Basic, Kerberos as SPNEGO) and the service's own delegation tokens. Loaded by Jetty, configured from
 * {@code ServiceConfig} through the filter's parameters.
 */
package io.lakefs.sts.service.auth;
