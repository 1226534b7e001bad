package dev.chirp.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** chirp's language server: its life cycle, and what it tells the editor it can do. */
public final class ChirpServer implements LanguageServer, LanguageClientAware {
  private final String version;
  private final Documents documents = new Documents();
  private volatile Positions positions = new Positions(Positions.Encoding.UTF16);
  private final Diagnostics diagnostics = new Diagnostics(documents, () -> positions);
  private final TextDocuments text = new TextDocuments(documents, diagnostics, () -> positions);
  private final Workspace workspace = new Workspace(documents, diagnostics);
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private volatile boolean shutdown;
  private volatile LanguageClient client;

  public ChirpServer(String version) {
    this.version = version;
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
    diagnostics.connect(client);
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    List<String> offered =
        params.getCapabilities() == null || params.getCapabilities().getGeneral() == null
            ? null
            : params.getCapabilities().getGeneral().getPositionEncodings();
    positions = new Positions(Positions.Encoding.negotiate(offered));
    var watch =
        params.getCapabilities() == null || params.getCapabilities().getWorkspace() == null
            ? null
            : params.getCapabilities().getWorkspace().getDidChangeWatchedFiles();
    workspace.dynamicWatch(watch != null && Boolean.TRUE.equals(watch.getDynamicRegistration()));

    ServerCapabilities caps = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Full);
    sync.setSave(new SaveOptions(false));
    caps.setTextDocumentSync(sync);
    caps.setPositionEncoding(positions.encoding().id);
    caps.setHoverProvider(true);
    caps.setCompletionProvider(new CompletionOptions(false, List.of("{")));
    caps.setCodeActionProvider(new CodeActionOptions(List.of("quickfix")));
    caps.setDefinitionProvider(true);
    caps.setDocumentSymbolProvider(true);
    return CompletableFuture.completedFuture(
        new InitializeResult(caps, new ServerInfo("chirp", version)));
  }

  @Override
  public void initialized(InitializedParams params) {
    workspace.registerWatchers(client);
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    diagnostics.shutdown();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    diagnostics.shutdown();
    exited.complete(shutdown ? 0 : 1);
  }

  /** Completes with the exit code once the client says exit: 0 after shutdown, else 1. */
  public CompletableFuture<Integer> exited() {
    return exited;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return text;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }
}
