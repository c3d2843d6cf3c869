package io.lakefs.sts.benchmarks.load;

import io.lakefs.sts.service.http.HttpLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The load baseline, run in a JVM of its own: the Jetty 9.4 the service is built on, with one servlet that reads
 * the request body and answers a JSON body of the given size, as fast as a servlet on this machine can answer, its
 * connector's accept queue as long as the service's.
 * Usage: {@code BareJettyServer BODY_BYTES [PKCS12_KEYSTORE]}, the keystore's password in the environment variable
 * {@value #KEYSTORE_PASSWORD_ENV}; prints {@code listening on http(s)://127.0.0.1:PORT}.
 */
public final class BareJettyServer {
  static final String READY_PREFIX = "listening on ";
  static final String KEYSTORE_PASSWORD_ENV = "BARE_JETTY_KEYSTORE_PASSWORD";

  private BareJettyServer() {
  }

  public static void main(String[] args) throws Exception {
    byte[] body = new byte[Integer.parseInt(args[0])];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    Server server = new Server();
    boolean tls = args.length > 1;
    ServerConnector connector = tls ? new ServerConnector(server, tls(args[1])) : new ServerConnector(server);
    connector.setHost("127.0.0.1");
    // As the service's: with the JDK's default of 50, a load opening 256 connections at once overflows it and
    // connections are reset ("header parser received no bytes").
    connector.setAcceptQueueSize(HttpLimits.ACCEPT_QUEUE);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream in = request.getInputStream()) {
          in.readAllBytes();
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
      }
    }), "/*");
    server.setHandler(context);
    server.start();
    System.out.println(READY_PREFIX + (tls ? "https" : "http") + "://127.0.0.1:" + connector.getLocalPort());
    server.join();
  }

  /** TLS as the service configures it from a keystore. */
  private static SslContextFactory.Server tls(String keystore) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(keystore);
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(System.getenv(KEYSTORE_PASSWORD_ENV));
    return ssl;
  }
}
