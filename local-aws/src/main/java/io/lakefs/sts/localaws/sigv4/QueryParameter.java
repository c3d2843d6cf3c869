package io.lakefs.sts.localaws.sigv4;

import java.util.ArrayList;
import java.util.List;

/** One decoded name=value pair of a raw query string; a bare name has the empty value. */
record QueryParameter(String name, String value) {

  /**
   * @throws SigV4Exception MALFORMED when a percent-escape is broken, since no signature can cover it
   */
  static List<QueryParameter> parse(String rawQuery) throws SigV4Exception {
    List<QueryParameter> parameters = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int equals = part.indexOf('=');
      String name = equals < 0 ? part : part.substring(0, equals);
      String value = equals < 0 ? "" : part.substring(equals + 1);
      try {
        parameters.add(new QueryParameter(UriEncoding.decode(name), UriEncoding.decode(value)));
      } catch (IllegalArgumentException e) {
        throw new SigV4Exception(SigV4Exception.Reason.MALFORMED, "the query string is not valid percent-encoding: "
            + e.getMessage());
      }
    }
    return parameters;
  }
}
