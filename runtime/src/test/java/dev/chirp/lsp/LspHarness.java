package dev.chirp.lsp;

import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/** An LSP4J client wired to a {@link ChirpServer} in this process over piped streams. */
final class LspHarness implements LanguageClient, AutoCloseable {
  final LanguageServer server;
  final ChirpServer chirp = new ChirpServer("test");
  final InitializeResult initialized;
  private final Map<String, BlockingQueue<PublishDiagnosticsParams>> published =
      new ConcurrentHashMap<>();
  final List<String> logged = new ArrayList<>();

  /** A server initialized with {@code encodings} offered (null: the client says nothing). */
  LspHarness(List<String> encodings) throws Exception {
    // NIO pipes, not java.io's piped streams: those fail a read once the thread that last wrote
    // has ended, and the server writes from threads that end (its checks stop at shutdown).
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    var serverIn = Channels.newInputStream(toServer.source());
    var clientOut = Channels.newOutputStream(toServer.sink());
    var clientIn = Channels.newInputStream(toClient.source());
    var serverOut = Channels.newOutputStream(toClient.sink());
    var serverLauncher = LSPLauncher.createServerLauncher(chirp, serverIn, serverOut);
    chirp.connect(serverLauncher.getRemoteProxy());
    serverLauncher.startListening();
    var clientLauncher = LSPLauncher.createClientLauncher(this, clientIn, clientOut);
    clientLauncher.startListening();
    server = clientLauncher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    ClientCapabilities caps = new ClientCapabilities();
    if (encodings != null) {
      GeneralClientCapabilities general = new GeneralClientCapabilities();
      general.setPositionEncodings(encodings);
      caps.setGeneral(general);
    }
    init.setCapabilities(caps);
    initialized = server.initialize(init).get(30, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
  }

  static String uri(Path p) {
    return p.toAbsolutePath().normalize().toUri().toString();
  }

  void open(Path file) throws Exception {
    open(file, Files.readString(file));
  }

  void open(Path file, String text) {
    server
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri(file), "yaml", 1, text)));
  }

  /** The next diagnostics published for {@code file}. */
  PublishDiagnosticsParams next(Path file) throws InterruptedException {
    PublishDiagnosticsParams p = queue(uri(file)).poll(60, TimeUnit.SECONDS);
    if (p == null) {
      throw new AssertionError("no diagnostics for " + file + " within 60 s; log: " + logged);
    }
    return p;
  }

  /**
   * The diagnostics published for version {@code version} of {@code file} (earlier ones, which a
   * check of another file of the catalog publishes too, are skipped), each as {@code
   * line:char-line:char severity code [source]: message}.
   */
  List<String> lines(Path file, int version) throws InterruptedException {
    while (true) {
      PublishDiagnosticsParams p = next(file);
      if (p.getVersion() != null && p.getVersion() == version) {
        return p.getDiagnostics().stream().map(LspHarness::line).toList();
      }
    }
  }

  /** Drops what was published for {@code file} so far. */
  void forget(Path file) {
    queue(uri(file)).clear();
  }

  static String line(Diagnostic d) {
    var r = d.getRange();
    return r.getStart().getLine()
        + ":"
        + r.getStart().getCharacter()
        + "-"
        + r.getEnd().getLine()
        + ":"
        + r.getEnd().getCharacter()
        + " "
        + d.getSeverity()
        + " "
        + d.getCode().getLeft()
        + " ["
        + d.getSource()
        + "]: "
        + d.getMessage();
  }

  private BlockingQueue<PublishDiagnosticsParams> queue(String uri) {
    return published.computeIfAbsent(uri, k -> new LinkedBlockingQueue<>());
  }

  @Override
  public void publishDiagnostics(PublishDiagnosticsParams p) {
    queue(p.getUri()).add(p);
  }

  @Override
  public void telemetryEvent(Object object) {}

  @Override
  public void showMessage(MessageParams m) {
    logged.add(m.getMessage());
  }

  @Override
  public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void logMessage(MessageParams m) {
    logged.add(m.getMessage());
  }

  /** A client that ignores what the server sends. */
  static class Silent implements LanguageClient {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {}

    @Override
    public void showMessage(MessageParams m) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams m) {}
  }

  @Override
  public void close() throws Exception {
    server.shutdown().get(10, TimeUnit.SECONDS);
    server.exit();
  }
}
