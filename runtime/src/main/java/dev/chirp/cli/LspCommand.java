package dev.chirp.cli;

import dev.chirp.lsp.Stdio;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code chirp lsp}: a Language Server over stdin and stdout, for editors. */
@Command(
    name = "lsp",
    mixinStandardHelpOptions = true,
    description = {
      "Run chirp's language server on stdin and stdout (LSP 3.17), for editors: the diagnostics"
          + " of `chirp check` as you type, hover, completion and quick fixes.",
      "Exit 0 after the client's shutdown and exit, 1 when the client left without them."
    })
final class LspCommand implements Callable<Integer> {
  @ParentCommand ChirpCommand parent;

  @Override
  public Integer call() throws Exception {
    return Stdio.serve(parent.env.in(), parent.env.out(), Version.get());
  }
}
