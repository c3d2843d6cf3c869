package io.lakefs.sts.service.http;

import java.io.IOException;
import java.util.Locale;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Refuses an API request whose body is a form (415), before authentication: the servlet API reads a form body
 * to answer {@code getParameter}, which hadoop-auth's filter calls first, so a form body would be consumed (or
 * waited for, a byte at a time) before the caller is known, and a JSON body sent with curl's default
 * {@code -d} content type would be lost. Query parameters carry everything the delegation-token operations
 * take; the credentials endpoint takes JSON.
 */
final class FormBodiesRefused implements Filter {
  private static final String[] FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"};

  @Override
  public void init(FilterConfig config) {
  }

  @Override
  public void destroy() {
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String type = formType(http.getContentType());
    if (type != null && hasBody(http)) {
      Json.write((HttpServletResponse) response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, Json.message(
          "Content-Type " + type + " is not accepted: send the body as application/json (curl: -H 'Content-Type:"
              + " application/json'); delegation-token operations take query parameters and no body"));
      return;
    }
    chain.doFilter(request, response);
  }

  private static String formType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    for (String form : FORM_TYPES) {
      if (mediaType.equals(form)) {
        return form;
      }
    }
    return null;
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }
}
