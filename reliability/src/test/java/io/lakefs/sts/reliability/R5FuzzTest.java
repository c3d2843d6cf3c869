package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.security.token.Token;
import org.junit.Test;

/**
 * R5: fuzzed inputs from a seeded {@link Mutator}. Over HTTP, against a service process: mutated service tokens
 * presented for credentials, mutated JSON bodies sent with alice's key, mutated tokens sent for renewal by
 * yarn; every answer must be a 4xx (or a 2xx where the edit left the input valid), and the service must log no
 * stack trace. An input that gets no answer at all (the client's send fails with an {@link IOException}) is named,
 * without its token or key, and sent again on a fresh connection: answered then, it was lost in transport (a
 * kept-alive connection failing under it); unanswered again, or answered with a 5xx, it is a defect of the
 * service. In-process, as the YARN RM and executors decode them: mutated {@code LAKEFS_STS} identifiers, which
 * may only be refused with an {@link IOException}.
 */
public class R5FuzzTest {
  private static final long SEED = Long.getLong("reliability.seed", 20261202L);
  private static final int THREADS = 4;
  private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=.%";

  @Test
  public void fuzzedTokensAndBodiesGetOnly4xxAndNoUnexpectedException() throws Exception {
    Scale scale = Scale.current();
    try (Stack stack = Stack.start("r5", Optional.empty(), false)) {
      CredentialsServiceProcess service = stack.startService(0, Map.of("lakefs.sts.lakefs.auth.cache.seconds", "60"));
      CorpusTarget genuine = new CorpusTarget(service.endpoint());
      Token<LakeFSTokenIdentifier> stsToken = new LakeFSTokenIssuer(Job.driverConf(stack,
          List.of(service.endpoint()), Duration.ofSeconds(300), Duration.ofSeconds(600)))
          .getDelegationToken(Users.YARN.id());
      int outputBefore = service.output().length();

      HttpFuzz fuzz = fuzzOverHttp(service.endpoint(), genuine, scale.fuzzedHttpInputs());
      String logged = settledOutput(service).substring(outputBefore);
      // One audit line per decision: as many as requests sent means the service decided the unanswered ones too.
      long auditLines = logged.lines().filter(line -> line.startsWith("{\"time\":") && line.contains("\"event\":"))
          .count();
      long sent = fuzz.statuses().values().stream().mapToLong(Long::longValue).sum() + 2L * fuzz.unanswered().size();
      List<String> stackTraces = logged.lines().filter(line -> line.startsWith("\tat ")
          || line.matches("^(Caused by: )?[a-z]+(\\.[a-zA-Z$]+)+(Exception|Error)(: .*)?$")).toList();
      long unexpectedStatuses = fuzz.statuses().entrySet().stream()
          .filter(e -> e.getKey() >= 300 && (e.getKey() < 400 || e.getKey() >= 500)).mapToLong(Map.Entry::getValue).sum();
      List<Unanswered> defects = fuzz.unanswered().stream().filter(u -> !u.lostInTransport()).toList();

      List<String> decodeFailures = fuzzIdentifiers(stsToken.getIdentifier(), scale.fuzzedIdentifiers());

      boolean held = unexpectedStatuses == 0 && defects.isEmpty() && stackTraces.isEmpty() && decodeFailures.isEmpty();
      Figures.record("R5", String.format("%,d fuzzed HTTP inputs (service tokens, bodies, renewals) and %,d fuzzed"
          + " LAKEFS_STS identifiers, seed %d", scale.fuzzedHttpInputs(), scale.fuzzedIdentifiers(), SEED),
          "only 4xx (2xx where the edit left the input valid), an input without an answer answered when sent again"
          + " on a fresh connection; no unexpected exception",
          "statuses " + fuzz.statuses() + "; " + fuzz.unanswered().size() + " without an answer, "
          + (fuzz.unanswered().size() - defects.size()) + " of them answered when sent again " + fuzz.unanswered()
          + String.format("; %,d audit lines for %,d requests sent (resends included); ", auditLines, sent)
          + stackTraces.size() + " stack-trace lines in the service's log; " + decodeFailures.size()
          + " identifiers refused with other than IOException", held);
      assertEquals("statuses other than 2xx/4xx: " + fuzz.statuses(), 0, unexpectedStatuses);
      assertEquals("inputs unanswered even on a fresh connection, or answered 5xx", List.of(), defects);
      assertEquals("the service logged stack traces", List.of(), stackTraces.stream().limit(20).toList());
      assertEquals("identifier decoding threw other than IOException", List.of(),
          decodeFailures.stream().limit(20).toList());
    }
  }

  /** The service's output once its audit writer has caught up (no new line for half a second). */
  private static String settledOutput(CredentialsServiceProcess service) throws Exception {
    String output = service.output();
    for (int i = 0; i < 20; i++) {
      Thread.sleep(500);
      String later = service.output();
      if (later.length() == output.length()) {
        break;
      }
      output = later;
    }
    return output;
  }

  /** What the HTTP inputs got: each status, how often; and the inputs that got none. */
  private record HttpFuzz(Map<Integer, Long> statuses, List<Unanswered> unanswered) {
  }

  /**
   * An input the service did not answer: which it was (its number is reproducible from the seed), what it sent
   * without its token or key, how the send failed, and what a resend on a fresh connection got (-1: nothing).
   */
  private record Unanswered(String input, String failure, int resent) {
    boolean lostInTransport() {
      return resent >= 200 && resent < 500;
    }

    @Override
    public String toString() {
      return input + " failed with " + failure + ", answered " + (resent < 0 ? "nothing" : resent)
          + " on a fresh connection";
    }
  }

  private static HttpFuzz fuzzOverHttp(URI endpoint, CorpusTarget genuine, long inputs) throws Exception {
    HttpClient http = client();
    String aliceBasic = CorpusTarget.basic(Users.ALICE).substring("Authorization: ".length());
    String yarnBasic = CorpusTarget.basic(Users.YARN).substring("Authorization: ".length());
    List<byte[]> tokens = List.of(genuine.aliceToken().getBytes(StandardCharsets.US_ASCII),
        genuine.aliceTokenWithoutRenewer().getBytes(StandardCharsets.US_ASCII));
    List<byte[]> bodies = List.of("{\"repositories\":[\"sales\"],\"access\":\"read\"}".getBytes(StandardCharsets.UTF_8),
        "{\"repositories\":[\"sales\",\"payroll\"],\"access\":\"write\"}".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8));
    Map<Integer, AtomicLong> counts = new ConcurrentHashMap<>();
    List<Unanswered> unanswered = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < THREADS; w++) {
        int worker = w;
        long share = inputs / THREADS + (w < inputs % THREADS ? 1 : 0);
        Mutator tokenMutator = new Mutator(SEED + 2L * w, tokens);
        Mutator bodyMutator = new Mutator(SEED + 2L * w + 1, bodies);
        workers.add(pool.submit(() -> {
          for (long i = 0; i < share; i++) {
            String summary;
            HttpRequest request;
            switch ((int) (i % 3)) {
              case 0 -> {
                String token = tokenMutator.nextText(URL_SAFE);
                summary = "POST " + CorpusTarget.CREDENTIALS_PATH + ", X-Hadoop-Delegation-Token of " + token.length()
                    + " chars, no body";
                request = HttpRequest.newBuilder(endpoint.resolve(CorpusTarget.CREDENTIALS_PATH))
                    .header("X-Hadoop-Delegation-Token", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
              }
              case 1 -> {
                byte[] body = bodyMutator.next();
                summary = "POST " + CorpusTarget.CREDENTIALS_PATH + ", alice's key, body of " + body.length + " bytes";
                request = HttpRequest.newBuilder(endpoint.resolve(CorpusTarget.CREDENTIALS_PATH))
                    .header("Authorization", aliceBasic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
              }
              default -> {
                String token = CorpusTarget.encode(tokenMutator.nextText(URL_SAFE));
                summary = "PUT " + CorpusTarget.TOKEN_PATH + "?op=RENEWDELEGATIONTOKEN&token= (" + token.length()
                    + " chars), yarn's key, no body";
                request = HttpRequest.newBuilder(URI.create(endpoint + CorpusTarget.TOKEN_PATH
                        + "?op=RENEWDELEGATIONTOKEN&token=" + token))
                    .header("Authorization", yarnBasic).PUT(HttpRequest.BodyPublishers.noBody()).build();
              }
            }
            int status;
            try {
              status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
              // The JDK's messages here name no header or query, so no token.
              unanswered.add(new Unanswered("input #" + i + " of worker " + worker + " (seed " + SEED + "): "
                  + summary, e.toString(), resend(request)));
              continue;
            }
            counts.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<Integer, Long> out = new TreeMap<>();
    counts.forEach((status, count) -> out.put(status, count.get()));
    return new HttpFuzz(out, List.copyOf(unanswered));
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Sends {@code request} again on a connection of its own; returns the status, or -1 when none came. */
  private static int resend(HttpRequest request) throws InterruptedException {
    try {
      return client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Decodes mutated identifiers; returns each failure other than an IOException, named by its input's number. */
  private static List<String> fuzzIdentifiers(byte[] genuine, long inputs) {
    Mutator mutator = new Mutator(SEED, List.of(genuine));
    List<String> failures = new ArrayList<>();
    for (long i = 0; i < inputs; i++) {
      byte[] input = mutator.next();
      try {
        LakeFSTokenIdentifier identifier = new LakeFSTokenIdentifier();
        identifier.readFields(new DataInputStream(new ByteArrayInputStream(input)));
        identifier.toString();
      } catch (IOException refused) {
        // The one way an identifier may be refused.
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        if (failures.size() < 100) {
          // Named by its number (reproducible from the seed), never printed: it holds the token's secrets.
          failures.add(e + " for input #" + i + " (" + input.length + " bytes)");
        }
      }
    }
    return failures;
  }
}
