package dev.chirp.cli;

import dev.chirp.schema.SpecSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** {@code chirp init DIR}: a new catalog that passes {@code chirp check}. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Create a new catalog in DIR: chirp.yaml, one example spec and the spec schema for editors.")
final class InitCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Parameters(
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The folder (created if missing; default: the current one).")
  Path dir;

  static final String CATALOG =
      """
      # chirp catalog file: profiles, locales and the template registry.
      # Its JSON Schema: `chirp schema catalog`.
      chirp: 1
      # profiles:
      #   production:
      #     workspaceId: 00000000-0000-0000-0000-000000000000
      #     channelId: 00000000-0000-0000-0000-000000000000
      # defaultProfile: production
      """;

  static final String SPEC =
      """
      # yaml-language-server: $schema=schema/chirp-spec.schema.json
      chirp: 1
      id: welcome
      description: Greet a new customer
      variables:
        name: { type: string, maxLength: 40, example: Ada, description: First name }
      message:
        text: "Hi {{name}}, welcome! Reply to this message any time."
        actions:
          - reply: { text: Hello! }
      examples:
        - name: default
          vars: { name: Ada }
      """;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(dir.resolve("chirp.yaml"))) {
      throw new Main.UsageError(dir.resolve("chirp.yaml") + " exists already; not overwriting it");
    }
    Files.createDirectories(dir.resolve("schema"));
    Files.writeString(dir.resolve("chirp.yaml"), CATALOG, StandardCharsets.UTF_8);
    FilePerms.ownerWritesOnly(dir.resolve("chirp.yaml"));
    if (!Files.exists(dir.resolve("welcome.yaml"))) {
      Files.writeString(dir.resolve("welcome.yaml"), SPEC, StandardCharsets.UTF_8);
    }
    Files.writeString(
        dir.resolve("schema").resolve("chirp-spec.schema.json"),
        SpecSchema.text(),
        StandardCharsets.UTF_8);
    // Batch journals (.chirp/ beside recipients files) list receivers, and the CI recipe's reports
    // are build output: keep both out of git.
    boolean gitignore = !Files.exists(dir.resolve(".gitignore"));
    if (gitignore) {
      Files.writeString(
          dir.resolve(".gitignore"),
          "# journals of batch sends: they list receivers (personal data)\n"
              + ".chirp/\n"
              + "# reports written by the CI recipe (docs/ci/chirp-ci.sh)\n"
              + "chirp-reports/\n",
          StandardCharsets.UTF_8);
    }
    var out = spec.commandLine().getOut();
    out.println(
        "created "
            + dir.resolve("chirp.yaml")
            + ", "
            + dir.resolve("welcome.yaml")
            + (gitignore ? ", " + dir.resolve(".gitignore") : "")
            + " and "
            + dir.resolve("schema/chirp-spec.schema.json"));
    out.println("next: chirp check " + dir);
    return Main.OK;
  }
}
