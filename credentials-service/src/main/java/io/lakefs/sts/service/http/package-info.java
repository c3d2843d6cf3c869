/**
 * The HTTP endpoint: Jetty, {@code POST /api/v1/credentials} (answered by the issuance use cases),
 * {@code /health}, {@code /metrics}, and errors and refusals as lakeFS writes them ({@code {"message": ...}}).
 */
package io.lakefs.sts.service.http;
