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
 * stack trace. In-process, as the YARN RM and executors decode them: mutated {@code LAKEFS_STS} identifiers,
 * which may only be refused with an {@link IOException}.
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

      Map<Integer, Long> statuses = fuzzOverHttp(service.endpoint(), genuine, scale.fuzzedHttpInputs());
      String logged = service.output().substring(outputBefore);
      List<String> stackTraces = logged.lines().filter(line -> line.startsWith("\tat ")
          || line.matches("^(Caused by: )?[a-z]+(\\.[a-zA-Z$]+)+(Exception|Error)(: .*)?$")).toList();
      long serverErrors = statuses.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() < 0)
          .mapToLong(Map.Entry::getValue).sum();
      long unexpectedStatuses = statuses.entrySet().stream().filter(e -> e.getKey() >= 300 && e.getKey() < 400)
          .mapToLong(Map.Entry::getValue).sum() + serverErrors;

      List<String> decodeFailures = fuzzIdentifiers(stsToken.getIdentifier(), scale.fuzzedIdentifiers());

      boolean held = unexpectedStatuses == 0 && stackTraces.isEmpty() && decodeFailures.isEmpty();
      Figures.record("R5", String.format("%,d fuzzed HTTP inputs (service tokens, bodies, renewals) and %,d fuzzed"
          + " LAKEFS_STS identifiers, seed %d", scale.fuzzedHttpInputs(), scale.fuzzedIdentifiers(), SEED),
          "only 4xx (2xx where the edit left the input valid); no unexpected exception",
          "statuses " + statuses + " (-1: no answer); " + stackTraces.size() + " stack-trace lines in the"
          + " service's log; " + decodeFailures.size() + " identifiers refused with other than IOException", held);
      assertEquals("statuses other than 2xx/4xx: " + statuses, 0, unexpectedStatuses);
      assertEquals("the service logged stack traces", List.of(), stackTraces.stream().limit(20).toList());
      assertEquals("identifier decoding threw other than IOException", List.of(),
          decodeFailures.stream().limit(20).toList());
    }
  }

  private static Map<Integer, Long> fuzzOverHttp(URI endpoint, CorpusTarget genuine, long inputs) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    String aliceBasic = CorpusTarget.basic(Users.ALICE).substring("Authorization: ".length());
    String yarnBasic = CorpusTarget.basic(Users.YARN).substring("Authorization: ".length());
    List<byte[]> tokens = List.of(genuine.aliceToken().getBytes(StandardCharsets.US_ASCII),
        genuine.aliceTokenWithoutRenewer().getBytes(StandardCharsets.US_ASCII));
    List<byte[]> bodies = List.of("{\"repositories\":[\"sales\"],\"access\":\"read\"}".getBytes(StandardCharsets.UTF_8),
        "{\"repositories\":[\"sales\",\"payroll\"],\"access\":\"write\"}".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8));
    Map<Integer, AtomicLong> counts = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < THREADS; w++) {
        long share = inputs / THREADS + (w < inputs % THREADS ? 1 : 0);
        Mutator tokenMutator = new Mutator(SEED + 2L * w, tokens);
        Mutator bodyMutator = new Mutator(SEED + 2L * w + 1, bodies);
        workers.add(pool.submit(() -> {
          for (long i = 0; i < share; i++) {
            HttpRequest request = switch ((int) (i % 3)) {
              case 0 -> HttpRequest.newBuilder(endpoint.resolve(CorpusTarget.CREDENTIALS_PATH))
                  .header("X-Hadoop-Delegation-Token", tokenMutator.nextText(URL_SAFE))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.noBody()).build();
              case 1 -> HttpRequest.newBuilder(endpoint.resolve(CorpusTarget.CREDENTIALS_PATH))
                  .header("Authorization", aliceBasic).header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bodyMutator.next())).build();
              default -> HttpRequest.newBuilder(URI.create(endpoint + CorpusTarget.TOKEN_PATH
                      + "?op=RENEWDELEGATIONTOKEN&token=" + CorpusTarget.encode(tokenMutator.nextText(URL_SAFE))))
                  .header("Authorization", yarnBasic)
                  .PUT(HttpRequest.BodyPublishers.noBody()).build();
            };
            int status;
            try {
              status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
              status = -1;
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
    return out;
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
