package dev.chirp.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** {@code chirp lsp}: the server on a pair of streams (the process's stdin and stdout). */
public final class Stdio {
  private Stdio() {}

  /**
   * Serves until the client says exit (0 after shutdown, else 1) or closes the input (1 without
   * shutdown first, as the protocol asks).
   */
  public static int serve(InputStream in, OutputStream out, String version) throws Exception {
    ChirpServer server = new ChirpServer(version);
    var launcher = LSPLauncher.createServerLauncher(server, in, out);
    LanguageClient client = launcher.getRemoteProxy();
    server.connect(client);
    var listening = launcher.startListening();
    CompletableFuture<Integer> ended =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                listening.get();
              } catch (Exception e) {
                // the connection broke: end as if the input closed
              }
              return server.exited().getNow(1);
            });
    return (Integer) CompletableFuture.anyOf(server.exited(), ended).get();
  }
}
