/**
 * Who is calling: hadoop-auth's delegation-token filter with the schemes the service offers (lakeFS keys as
 * HTTP Basic, Kerberos as SPNEGO) and the service's own delegation tokens, issued through {@code issuance}'s
 * {@code DelegationTokenIssuance} (the scope checked against lakeFS) and checked here when presented. Loaded
 * by Jetty, configured from {@code ServiceConfig} through the filter's parameters and servlet-context attributes.
 */
package io.lakefs.sts.service.auth;
