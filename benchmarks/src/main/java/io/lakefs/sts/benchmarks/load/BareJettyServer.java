package io.lakefs.sts.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The load baseline, run in a JVM of its own: the Jetty 9.4 the service is built on, with one servlet that reads
 * the request body and answers a JSON body of the given size, as fast as a servlet on this machine can answer.
 * Usage: {@code BareJettyServer BODY_BYTES}; prints {@code listening on http://127.0.0.1:PORT}.
 */
public final class BareJettyServer {
  static final String READY_PREFIX = "listening on ";

  private BareJettyServer() {
  }

  public static void main(String[] args) throws Exception {
    byte[] body = new byte[Integer.parseInt(args[0])];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
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
    System.out.println(READY_PREFIX + "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    server.join();
  }
}
