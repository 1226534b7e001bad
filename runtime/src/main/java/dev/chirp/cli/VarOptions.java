package dev.chirp.cli;

import dev.chirp.Checker;
import dev.chirp.diag.Span;
import dev.chirp.vars.Binding;
import dev.chirp.vars.VarsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns repeated {@code --var NAME=VALUE} options into bindings with their origin. */
final class VarOptions {
  private VarOptions() {}

  /** Reads a --vars file; a missing or unreadable file is a usage error. */
  static VarsFile.Read readVarsFile(Path file) {
    try {
      return VarsFile.read(Checker.display(file, Path.of("")), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new Main.UsageError("cannot read --vars file " + file);
    }
  }

  static List<Binding> bindings(List<String> vars) {
    List<Binding> out = new ArrayList<>();
    for (String v : vars) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new Main.UsageError("--var needs NAME=VALUE, got '" + v + "'");
      }
      String name = v.substring(0, eq);
      out.add(new Binding(name, v.substring(eq + 1), "command line", Span.START, "--var " + name));
    }
    return out;
  }
}
