package dev.chirp.lsp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The open documents' events (each checks the catalog again) and the editor's requests on them. */
final class TextDocuments implements TextDocumentService {
  private final Documents documents;
  private final Diagnostics diagnostics;
  private final Supplier<Positions> positions;

  /** Each document's variables when it last parsed, for completion while it does not. */
  private final Map<String, List<String>> variables = new ConcurrentHashMap<>();

  TextDocuments(Documents documents, Diagnostics diagnostics, Supplier<Positions> positions) {
    this.documents = documents;
    this.diagnostics = diagnostics;
    this.positions = positions;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var d = params.getTextDocument();
    documents.put(d.getUri(), d.getText(), d.getVersion());
    changed(d.getUri(), 0);
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    var changes = params.getContentChanges();
    if (changes.isEmpty()) {
      return;
    }
    // Full sync: the last change is the whole text.
    String uri = params.getTextDocument().getUri();
    documents.put(
        uri, changes.get(changes.size() - 1).getText(), params.getTextDocument().getVersion());
    // At once: a check of one changed spec takes milliseconds, and edits made while a check runs
    // are checked together when it ends (Diagnostics.schedule).
    changed(uri, 0);
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    changed(params.getTextDocument().getUri(), 0);
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    documents.close(uri);
    variables.remove(uri);
    diagnostics.closed(uri);
    // The file is read from the disk again by the other open documents' checks.
    Documents.path(uri).ifPresent(p -> diagnostics.schedule(p, 0));
  }

  private void changed(String uri, long delayMs) {
    documents
        .get(uri)
        .ifPresent(
            d -> {
              List<String> names = Completions.names(d);
              if (!names.isEmpty()) {
                variables.put(uri, names);
              }
              diagnostics.schedule(d.path(), delayMs);
            });
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    String uri = params.getTextDocument().getUri();
    return CompletableFuture.completedFuture(
        documents
            .get(uri)
            .flatMap(
                d -> Hovers.hover(d, params.getPosition(), diagnostics.of(uri), positions.get()))
            .orElse(null));
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    String uri = params.getTextDocument().getUri();
    List<CompletionItem> items =
        documents
            .get(uri)
            .map(
                d ->
                    Completions.complete(
                        d,
                        params.getPosition(),
                        positions.get(),
                        variables.getOrDefault(uri, List.of())))
            .orElse(List.of());
    return CompletableFuture.completedFuture(Either.forLeft(items));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    String uri = params.getTextDocument().getUri();
    List<Either<Command, CodeAction>> out =
        documents
            .get(uri)
            .map(
                d ->
                    CodeActions.actions(d, params.getRange(), diagnostics.of(uri), positions.get())
                        .stream()
                        .map(Either::<Command, CodeAction>forRight)
                        .toList())
            .orElse(List.of());
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>>
      definition(DefinitionParams params) {
    Optional<Location> at =
        documents
            .get(params.getTextDocument().getUri())
            .flatMap(d -> Navigation.definition(d, params.getPosition(), positions.get()));
    return CompletableFuture.completedFuture(Either.forLeft(at.map(List::of).orElse(List.of())));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    return CompletableFuture.completedFuture(
        documents
            .get(params.getTextDocument().getUri())
            .map(
                d ->
                    Navigation.symbols(d, positions.get()).stream()
                        .map(Either::<SymbolInformation, DocumentSymbol>forRight)
                        .toList())
            .orElse(List.of()));
  }
}
