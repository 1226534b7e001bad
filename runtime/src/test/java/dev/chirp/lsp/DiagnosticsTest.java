package dev.chirp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the server checks: at once when idle, and edits made during a check together after it. */
class DiagnosticsTest {
  @TempDir Path dir;

  /** A client whose first publish blocks until released: a check that is still running. */
  static final class Held extends LspHarness.Silent {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final BlockingQueue<Integer> versions = new LinkedBlockingQueue<>();

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      versions.add(p.getVersion());
    }
  }

  @Test
  void editsMadeWhileACheckRunsAreCheckedOnceWithTheLatestText() throws Exception {
    Files.writeString(dir.resolve("chirp.yaml"), "chirp: 1\n");
    Path spec = dir.resolve("hi.yaml");
    String text = "chirp: 1\nid: hi\nmessage:\n  text: Hi\n";
    Files.writeString(spec, text);
    String uri = LspHarness.uri(spec);
    Documents documents = new Documents();
    Diagnostics diagnostics =
        new Diagnostics(documents, () -> new Positions(Positions.Encoding.UTF16));
    Held client = new Held();
    diagnostics.connect(client);
    try {
      documents.put(uri, text, 1);
      diagnostics.schedule(spec, 0);
      // The check of version 1 is publishing (held there) when versions 2, 3 and 4 come.
      client.entered.await(60, TimeUnit.SECONDS);
      for (int v = 2; v <= 4; v++) {
        documents.put(uri, text + "#" + v + "\n", v);
        diagnostics.schedule(spec, 0);
      }
      client.release.countDown();
      assertEquals(1, client.versions.poll(60, TimeUnit.SECONDS));
      assertEquals(4, client.versions.poll(60, TimeUnit.SECONDS));
      assertNull(client.versions.poll(500, TimeUnit.MILLISECONDS));
    } finally {
      diagnostics.shutdown();
    }
  }
}
