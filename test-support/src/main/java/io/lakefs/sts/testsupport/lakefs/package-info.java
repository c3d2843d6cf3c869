/**
 * A stand-in for a lakeFS server, for tests only: an in-process HTTP server on loopback that answers the
 * few lakeFS REST calls the credentials service makes as a caller ({@code GET /api/v1/user},
 * {@code GET /api/v1/repositories/{repository}}, {@code GET /api/v1/healthcheck}) with lakeFS's own status
 * codes, JSON and error messages, so the official lakeFS Java SDK reads its answers as it reads a real
 * server's. It is not lakeFS: start from {@link io.lakefs.sts.testsupport.lakefs.LakeFSStandIn#builder()}.
 */
package io.lakefs.sts.testsupport.lakefs;
