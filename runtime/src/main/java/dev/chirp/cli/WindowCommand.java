package dev.chirp.cli;

import dev.chirp.emit.Receivers;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Connection;
import dev.chirp.send.Settings;
import dev.chirp.text.Uuids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code chirp window}: when a contact's 24-hour customer service window closes. */
@Command(
    name = "window",
    mixinStandardHelpOptions = true,
    description = {
      "Show when the 24-hour customer service window with a contact closes.",
      "Exit 0 when it is open (free-form messages allowed), 1 when closed (templates only), 2 when"
          + " it could not be read (usage, settings, network or Bird's answer)."
    })
final class WindowCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;
  @picocli.CommandLine.ParentCommand ChirpCommand parent;

  @ArgGroup(multiplicity = "1")
  Who who;

  static final class Who {
    @Option(
        names = "--to",
        paramLabel = "+E164",
        required = true,
        description = "The contact's phone number.")
    String to;

    @Option(
        names = "--contact-id",
        paramLabel = "ID",
        required = true,
        description = "The Bird contact id.")
    String contactId;
  }

  @Mixin ConnectionOptions conn;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description =
          "The chirp.yaml whose --profile to use (default: found from the current folder, else"
              + " specs/chirp.yaml).")
  Path catalogFile;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    String contact = who.contactId != null ? who.contactId : who.to;
    if (who.to != null) {
      Receivers.problem(who.to)
          .ifPresent(
              p -> {
                throw new Main.UsageError("--to " + p);
              });
    } else if (!Uuids.isUuid(who.contactId)) {
      throw new Main.UsageError("--contact-id \"" + who.contactId + "\" is not a UUID");
    }
    Connection c = conn.connectionWith(parent.env.vars(), catalog(), false);
    BirdClient client = conn.client(c, conn.key(parent.env.vars()), parent.env, 1);
    BirdClient.Window w;
    try {
      w = client.window(contact);
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println("chirp: cannot read the service window of " + contact + ": " + e.getMessage());
      return Main.USAGE; // not 1: a script must not take "could not tell" for "closed"
    }
    Instant now = Instant.now();
    if (Boolean.TRUE.equals(w.permanent())) {
      out.println(contact + ": permanent session; free-form messages are always allowed");
      return Main.OK;
    }
    if (w.expiresAt() != null && w.expiresAt().isAfter(now)) {
      out.println(
          contact
              + ": window open until "
              + w.expiresAt()
              + " ("
              + left(Duration.between(now, w.expiresAt()))
              + " left); free-form messages allowed");
      return Main.OK;
    }
    out.println(
        contact
            + ": window closed"
            + (w.expiresAt() == null ? " (none open)" : " since " + w.expiresAt())
            + "; only template messages can be sent");
    return Main.PROBLEMS;
  }

  /** The catalog file for --profile: --catalog, else the nearest chirp.yaml, else specs'. */
  private Path catalog() {
    if (catalogFile != null) {
      if (!Files.isRegularFile(catalogFile)) {
        throw new Main.UsageError("--catalog: no such file " + catalogFile);
      }
      return catalogFile;
    }
    Path here = Path.of("chirp.yaml").toAbsolutePath();
    Optional<Path> found =
        Settings.findCatalogFile(here)
            .or(() -> Optional.of(Path.of("specs", "chirp.yaml")).filter(Files::isRegularFile));
    if (found.isEmpty() && conn.profile != null) {
      throw new Main.UsageError(
          "--profile "
              + conn.profile
              + ": no chirp.yaml here, above or in specs/; give --catalog FILE");
    }
    return found.orElse(null);
  }

  static String left(Duration d) {
    long h = d.toHours();
    long m = d.toMinutesPart();
    return h > 0 ? h + " h " + m + " min" : m > 0 ? m + " min" : d.toSecondsPart() + " s";
  }
}
