package dev.chirp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidChangeConfigurationCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * One language server under test: a subprocess on stdio driven by an LSP4J client that answers
 * {@code workspace/configuration} with the given settings and timestamps every {@code
 * publishDiagnostics} as it arrives.
 */
final class LspPeer implements LanguageClient, AutoCloseable {
  /** A publishDiagnostics and the {@link System#nanoTime} it arrived at. */
  record Published(long at, PublishDiagnosticsParams params) {}

  final String name;
  private final Process process;
  private final LanguageServer server;
  private final Map<String, Object> settings;
  private final BlockingQueue<Published> published = new LinkedBlockingQueue<>();
  private final AtomicInteger configurationRequests = new AtomicInteger();
  private final TextDocumentSyncKind sync;
  private final Path log;

  /**
   * Starts {@code command} in {@code workspace}, initializes it with {@code workspace} as its only
   * folder, and hands it {@code settings} (the {@code yaml} section of workspace/configuration).
   */
  LspPeer(String name, List<String> command, Path workspace, Map<String, Object> settings, Path log)
      throws Exception {
    this.name = name;
    this.settings = settings;
    this.log = log;
    this.process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
            .directory(workspace.toFile())
            .start();
    var launcher =
        LSPLauncher.createClientLauncher(this, process.getInputStream(), process.getOutputStream());
    launcher.startListening();
    this.server = launcher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setProcessId((int) ProcessHandle.current().pid());
    String root = workspace.toUri().toString();
    init.setRootUri(root);
    init.setWorkspaceFolders(
        List.of(new WorkspaceFolder(root, workspace.getFileName().toString())));
    init.setCapabilities(capabilities());
    var result = server.initialize(init).get(120, TimeUnit.SECONDS);
    var s = result.getCapabilities().getTextDocumentSync();
    this.sync =
        s == null ? TextDocumentSyncKind.None : s.isLeft() ? s.getLeft() : s.getRight().getChange();
    server.initialized(new InitializedParams());
    server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(settings));
  }

  private static ClientCapabilities capabilities() {
    ClientCapabilities caps = new ClientCapabilities();
    WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
    ws.setConfiguration(true);
    ws.setWorkspaceFolders(true);
    ws.setDidChangeConfiguration(new DidChangeConfigurationCapabilities(false));
    caps.setWorkspace(ws);
    TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
    PublishDiagnosticsCapabilities diags = new PublishDiagnosticsCapabilities();
    diags.setVersionSupport(true);
    text.setPublishDiagnostics(diags);
    caps.setTextDocument(text);
    GeneralClientCapabilities general = new GeneralClientCapabilities();
    general.setPositionEncodings(List.of("utf-16"));
    caps.setGeneral(general);
    return caps;
  }

  /** Whether the server takes edits as ranges (else as the whole text). */
  boolean incremental() {
    return sync == TextDocumentSyncKind.Incremental;
  }

  /** How many workspace/configuration requests the server made. */
  int configurationRequests() {
    return configurationRequests.get();
  }

  void open(String uri, String text) {
    server
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "yaml", 1, text)));
  }

  /** Drops what was published so far. */
  void forget() {
    published.clear();
  }

  /**
   * Sends version {@code version} of {@code uri} (as {@code range} replaced by {@code insert} for
   * an incremental server, else as the whole {@code text}) and returns when it was sent.
   */
  long change(String uri, int version, String text, Range range, String insert) {
    TextDocumentContentChangeEvent e =
        incremental()
            ? new TextDocumentContentChangeEvent(range, insert)
            : new TextDocumentContentChangeEvent(text);
    var params =
        new DidChangeTextDocumentParams(
            new VersionedTextDocumentIdentifier(uri, version), List.of(e));
    long at = System.nanoTime();
    server.getTextDocumentService().didChange(params);
    return at;
  }

  /**
   * The diagnostics for {@code version} of {@code uri}: the publish carrying that version, or for a
   * server that sends none, the first publish for the document since the last {@link #forget}.
   */
  Published await(String uri, int version, long timeoutMs) throws Exception {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      Published p = published.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (p == null) {
        throw new IllegalStateException(
            name + ": no diagnostics for version " + version + " within " + timeoutMs + " ms");
      }
      Integer v = p.params().getVersion();
      if (p.params().getUri().equals(uri) && (v == null || v == version)) {
        return p;
      }
    }
  }

  /** The server's resident memory now and at its peak, in KiB, from /proc (0 where unknown). */
  long[] memoryKb() {
    long rss = 0;
    long hwm = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", process.pid() + "", "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kb(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kb(line);
        }
      }
    } catch (IOException e) {
      // not Linux, or the process is gone: reported as 0
    }
    return new long[] {rss, hwm};
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** The last lines of what the server wrote on stderr, for a failure message. */
  String stderrTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Shutdown and exit, as an editor closing; the process is killed if it lingers. */
  @Override
  public void close() throws Exception {
    try {
      server.shutdown().get(10, TimeUnit.SECONDS);
      server.exit();
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // it will be killed below
    } finally {
      process.destroyForcibly();
    }
  }

  @Override
  public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
    published.add(new Published(System.nanoTime(), diagnostics));
  }

  @Override
  public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
    configurationRequests.incrementAndGet();
    List<Object> out = new ArrayList<>();
    for (var item : params.getItems()) {
      out.add(
          switch (String.valueOf(item.getSection())) {
            case "yaml" -> settings.get("yaml");
            case "http" -> Map.of();
            default -> null;
          });
    }
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletableFuture<Void> registerCapability(RegistrationParams params) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void telemetryEvent(Object object) {}

  @Override
  public void showMessage(MessageParams messageParams) {}

  @Override
  public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void logMessage(MessageParams message) {}

  static Range at(int line, int endLine) {
    return new Range(new Position(line, 0), new Position(endLine, 0));
  }
}
