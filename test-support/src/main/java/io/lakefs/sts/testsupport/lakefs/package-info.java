/**
 * A stand-in for a lakeFS server, for tests only: an in-process HTTP server on loopback that answers the
 * lakeFS REST calls the credentials service and lakeFSFS-style clients make (current user, login,
 * repository, branch, commit, staging, stat, list, GC-task status) with lakeFS's own status codes, JSON,
 * error messages and RBAC checks, so the official lakeFS Java SDK reads its answers as it reads a real
 * server's. It is not lakeFS: start from {@link io.lakefs.sts.testsupport.lakefs.LakeFSStandIn#builder()}.
 */
package io.lakefs.sts.testsupport.lakefs;
