package example;

import dev.chirp.Catalog;
import dev.chirp.emit.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The README's library example, as a program of its own: writes the request body to a file. */
public final class Main {
  public static void main(String[] args) throws Exception {
    Catalog catalog = Catalog.load(Path.of(args[0]));
    Catalog.Result r =
        catalog.resolve(
            "text-link-button",
            Map.of("name", "Ada", "orderId", "482913"),
            Receiver.phone("+31612345678"));
    if (r.ok()) {
      Files.writeString(Path.of(args[1]), r.json());
    } else {
      r.diagnostics().forEach(d -> System.err.println(d.headline()));
      System.exit(1);
    }
  }
}
