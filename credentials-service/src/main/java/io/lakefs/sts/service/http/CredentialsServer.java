package io.lakefs.sts.service.http;

import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.protocol.ServiceApi;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.http.HttpServlet;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The service's HTTP(S) endpoint: Jetty (the version Hadoop ships) with hadoop-auth's delegation-token
 * authentication filter in front of {@code /api/v1/*}, and {@code /health} and {@code /metrics} open.
 * Stopping waits for requests in flight.
 */
public final class CredentialsServer implements AutoCloseable {
  /** API paths; everything under it needs an authenticated caller. */

  private final Server server;
  private final ServerConnector connector;
  private final boolean tls;

  /** TLS from a keystore file. */
  public record Tls(String keystorePath, String keystoreType, Secret keystorePassword) {
  }

  /**
   * @param authFilter hadoop-auth's filter, as the service configures it; Jetty creates it
   * @param authFilterParameters init parameters of hadoop-auth's filter (handler type, schemes, token kind...)
   * @param contextAttributes servlet context attributes hadoop-auth's filter reads at start (a shared ZooKeeper
   *     client)
   * @param apiServlets servlets by path below {@link ServiceApi#API_PATH}
   */
  public CredentialsServer(InetSocketAddress address, Optional<Tls> tls, HttpLimits limits,
      Class<? extends Filter> authFilter, Map<String, String> authFilterParameters,
      Map<String, Object> contextAttributes, Map<String, HttpServlet> apiServlets, HttpServlet health,
      HttpServlet metrics) {
    this.server = new Server(new QueuedThreadPool(limits.maxThreads(), HttpLimits.MIN_THREADS));
    this.tls = tls.isPresent();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // A thread only once a body starts to arrive; no form is ever parsed from a body (FormBodiesRefused answers
    // those), so getParameter reads the query alone. No minimum data rate: Jetty measures it up to each read, so
    // a body read after a slow authentication would be cut off however fast it came; AsyncBodies bounds bodies.
    http.setDelayDispatchUntilContent(true);
    http.setFormEncodedMethods();
    if (tls.isPresent()) {
      http.addCustomizer(new SecureRequestCustomizer());
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(tls.get().keystorePath());
      ssl.setKeyStoreType(tls.get().keystoreType());
      ssl.setKeyStorePassword(tls.get().keystorePassword().reveal());
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.setAcceptQueueSize(HttpLimits.ACCEPT_QUEUE);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    contextAttributes.forEach(context::setAttribute);
    // Asynchronous all the way, for the credentials body (AsyncBodies), which is answered without a second dispatch.
    FilterHolder forms = new FilterHolder(new FormBodiesRefused());
    forms.setAsyncSupported(true);
    context.addFilter(forms, ServiceApi.API_PATH + "/*", EnumSet.of(DispatcherType.REQUEST));
    FilterHolder auth = new FilterHolder(authFilter);
    auth.setInitParameters(authFilterParameters);
    auth.setAsyncSupported(true);
    context.addFilter(auth, ServiceApi.API_PATH + "/*", EnumSet.of(DispatcherType.REQUEST));
    apiServlets.forEach((path, servlet) -> {
      ServletHolder holder = new ServletHolder(servlet);
      holder.setAsyncSupported(true);
      context.addServlet(holder, ServiceApi.API_PATH + path);
    });
    context.addServlet(new ServletHolder(health), ServiceApi.HEALTH_PATH);
    context.addServlet(new ServletHolder(metrics), ServiceApi.METRICS_PATH);
    context.setErrorHandler(new JsonErrorHandler());

    RefusedMethods methods = new RefusedMethods();
    methods.setHandler(context);
    StatisticsHandler graceful = new StatisticsHandler();
    graceful.setHandler(methods);
    server.setHandler(graceful);
    server.setStopTimeout(10_000);
    server.setStopAtShutdown(false);
  }

  public void start() throws Exception {
    server.start();
  }

  /** Where clients reach it, e.g. {@code http://127.0.0.1:8765}. */
  public URI endpoint() {
    String host = connector.getHost() == null ? "localhost" : connector.getHost();
    return URI.create((tls ? "https" : "http") + "://" + host + ":" + connector.getLocalPort());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
