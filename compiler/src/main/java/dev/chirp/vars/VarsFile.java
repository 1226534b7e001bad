package dev.chirp.vars;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YScalar;
import dev.chirp.yaml.YamlLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of variable values ({@code --vars FILE}): a JSON object or YAML mapping from variable name
 * to a string, number or boolean. Each value keeps its position for error messages.
 */
public final class VarsFile {
  private VarsFile() {}

  /** The values of the file, and the problems that kept any of them out. */
  public record Read(List<Binding> bindings, List<Diagnostic> diagnostics, LoadedFile loaded) {}

  public static Read read(String display, byte[] bytes) {
    LoadedFile loaded = YamlLoader.load(display, bytes);
    List<Binding> out = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>(loaded.diagnostics());
    if (loaded.root().isPresent()) {
      YMap root = loaded.root().get();
      for (YMap.Entry e : root.entries()) {
        if (e.value() instanceof YScalar s) {
          out.add(new Binding(e.name(), s.value(), display, s.span(), "--vars " + display));
        } else {
          problems.add(
              Diagnostic.of(
                  Code.VAR_VALUE,
                  display,
                  e.value().span(),
                  "`"
                      + e.name()
                      + "` is a "
                      + e.value().kindWord()
                      + "; a value is a string, number or boolean"));
        }
      }
    } else if (problems.stream().anyMatch(d -> d.code() == Code.YAML_NOT_MAPPING)) {
      problems.replaceAll(
          d ->
              d.code() == Code.YAML_NOT_MAPPING
                  ? Diagnostic.of(
                      Code.YAML_NOT_MAPPING,
                      display,
                      d.span(),
                      "a vars file is a mapping from variable name to value, e.g. {\"name\": \"Ada\"}")
                  : d);
    }
    return new Read(out, problems, loaded);
  }
}
