/**
 * The HTTP endpoint: Jetty, {@code POST /api/v1/credentials}, {@code /health}, {@code /metrics}, and errors as
 * lakeFS writes them ({@code {"message": ...}}).
 */
package io.lakefs.sts.service.http;
