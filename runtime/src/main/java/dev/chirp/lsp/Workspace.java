package dev.chirp.lsp;

import java.util.List;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * Files changed outside the open documents (chirp.yaml, a partial, another spec: saved, created,
 * deleted): the open specs of that catalog are checked again.
 */
final class Workspace implements WorkspaceService {
  private final Documents documents;
  private final Diagnostics diagnostics;
  private volatile boolean dynamicWatch;

  Workspace(Documents documents, Diagnostics diagnostics) {
    this.documents = documents;
    this.diagnostics = diagnostics;
  }

  void dynamicWatch(boolean supported) {
    dynamicWatch = supported;
  }

  /** Asks a client that can to report changes of catalog files. */
  void registerWatchers(LanguageClient client) {
    if (!dynamicWatch || client == null) {
      return;
    }
    var options =
        new DidChangeWatchedFilesRegistrationOptions(
            List.of(new FileSystemWatcher(Either.forLeft("**/*.{yaml,yml,mustache}"))));
    client.registerCapability(
        new RegistrationParams(
            List.of(new Registration("chirp-watch", "workspace/didChangeWatchedFiles", options))));
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    for (FileEvent e : params.getChanges()) {
      Documents.path(e.getUri())
          .filter(p -> documents.at(p).isEmpty())
          .ifPresent(p -> diagnostics.schedule(p, Diagnostics.DEBOUNCE_MS));
    }
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {}
}
