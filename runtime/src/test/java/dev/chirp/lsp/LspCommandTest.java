package dev.chirp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;

/** {@code chirp lsp} as the command line runs it: LSP on its stdin and stdout. */
class LspCommandTest {
  /** {@code chirp lsp} run in process on these streams; completes with its exit code. */
  static CompletableFuture<Integer> lsp(InputStream in, OutputStream out) {
    return CompletableFuture.supplyAsync(
        () ->
            Main.run(
                new String[] {"lsp"},
                new Main.Env(
                    in,
                    new PrintStream(out, true),
                    new PrintStream(new ByteArrayOutputStream()),
                    Map.of(),
                    false)));
  }

  @Test
  void servesOnStdinAndStdoutAndExitsZeroAfterShutdownAndExit() throws Exception {
    PipedInputStream serverIn = new PipedInputStream(1 << 16);
    PipedOutputStream clientOut = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    CompletableFuture<Integer> exit = lsp(serverIn, serverOut);
    var launcher = LSPLauncher.createClientLauncher(new LspHarness.Silent(), clientIn, clientOut);
    launcher.startListening();
    LanguageServer server = launcher.getRemoteProxy();
    var result = server.initialize(new InitializeParams()).get(30, TimeUnit.SECONDS);
    assertEquals("chirp", result.getServerInfo().getName());
    server.shutdown().get(10, TimeUnit.SECONDS);
    server.exit();
    assertEquals(0, exit.get(30, TimeUnit.SECONDS));
  }

  @Test
  void exitsOneWhenTheClientLeavesWithoutShutdown() throws Exception {
    PipedInputStream serverIn = new PipedInputStream(1 << 16);
    PipedOutputStream clientOut = new PipedOutputStream(serverIn);
    CompletableFuture<Integer> exit = lsp(serverIn, new ByteArrayOutputStream());
    clientOut.close();
    assertEquals(1, exit.get(30, TimeUnit.SECONDS));
  }
}
