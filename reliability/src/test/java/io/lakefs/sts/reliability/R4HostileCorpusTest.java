package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.Test;

/**
 * R4: every case of {@link HostileCorpus} against one service process: no 5xx, each answered as the case says,
 * and afterwards the service is healthy and still issues credentials. Each case's answer is written to
 * {@code target/stacks/r4/corpus.log}, which the secret scan (R6) reads.
 */
public class R4HostileCorpusTest {

  @Test
  public void hostileCorpusGetsNo5xxAndLeavesTheServiceHealthy() throws Exception {
    try (Stack stack = Stack.start("r4", Optional.empty(), false)) {
      CredentialsServiceProcess service = stack.startService(0, Map.of());
      CorpusTarget target = new CorpusTarget(service.endpoint());
      List<HostileCase> cases = HostileCorpus.cases();
      List<String> failed = new ArrayList<>();
      List<String> failedNames = new ArrayList<>();
      Map<String, Integer> byKind = new TreeMap<>();
      int serverErrors = 0;
      StringBuilder log = new StringBuilder();
      for (HostileCase hostile : cases) {
        HostileCase.Outcome outcome;
        try {
          outcome = hostile.probe().run(target);
        } catch (Exception e) {
          outcome = new HostileCase.Outcome(-1, false, "the probe failed: " + e);
        }
        byKind.merge(hostile.kind(), 1, Integer::sum);
        if (outcome.status() >= 500) {
          serverErrors++;
        }
        String line = hostile.kind() + ": " + hostile.name() + " -> " + outcome.observed();
        log.append(hostile.passed(outcome) ? "passed " : "FAILED ").append(line).append('\n');
        if (!hostile.passed(outcome)) {
          failed.add(line + " (expected " + hostile.expected() + ")");
          failedNames.add(hostile.kind() + ": " + hostile.name());
        }
      }
      Files.writeString(stack.dir().resolve("corpus.log"), log, StandardCharsets.UTF_8);

      RawHttp.Answer health = RawHttp.send(service.endpoint(), RawHttp.request("GET", "/health"), new byte[0],
          Duration.ofSeconds(5));
      byte[] body = "{\"repositories\":[\"sales\"],\"access\":\"read\"}".getBytes(StandardCharsets.UTF_8);
      RawHttp.Answer credentials = target.send(RawHttp.request("POST", CorpusTarget.CREDENTIALS_PATH,
          CorpusTarget.basic(Users.ALICE), "Content-Type: application/json", "Content-Length: " + body.length), body);
      boolean healthy = health.status() == 200 && credentials.status() == 200;
      Figures.record("R4", "hostile-input corpus, " + cases.size() + " cases " + byKind, "0 5xx; every case"
          + " answered as expected; healthy after", serverErrors + " 5xx; " + (cases.size() - failed.size()) + " of "
          + cases.size() + " as expected" + (failed.isEmpty() ? "" : " (failed: " + String.join("; ", failedNames) + ")") + "; after: /health " + health.status() + ", credentials " + credentials.status(),
          failed.isEmpty() && healthy);
      assertEquals("cases answered wrongly (see target/stacks/r4/corpus.log)", List.of(), failed);
      assertTrue("after the corpus: /health " + health + ", credentials " + credentials.status(), healthy);
    }
  }
}
