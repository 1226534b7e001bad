package dev.chirp.cli;

import dev.chirp.schema.SpecSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chirp init DIR}: a new catalog that passes {@code chirp check}. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Create a new catalog in DIR: chirp.yaml, one example spec and the spec schema for editors;"
            + " with --ci, also the CI workflow that checks it (for an existing catalog: only that).")
final class InitCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Parameters(
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The folder (created if missing; default: the current one).")
  Path dir;

  enum Ci {
    github,
    gitlab
  }

  @Option(
      names = "--ci",
      paramLabel = "github|gitlab",
      description =
          "Also write the workflow that checks the catalog on every pull (merge) request, at the"
              + " root of the git repository holding DIR: .github/workflows/chirp.yml (the chirp"
              + " GitHub Action) or .gitlab-ci.yml (the release archive). Never overwrites one.")
  Ci ci;

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

  /**
   * The workflow of {@code --ci github}, for the catalog at {@code catalog} (repository-relative).
   */
  static String githubWorkflow(String catalog, String version, String github) {
    String paths = catalog.equals(".") ? "**" : catalog + "/**";
    return """
        # chirp checks the message catalog on every pull request: problems are annotations on the
        # diff and code-scanning alerts (SARIF), and the job summary shows what the change does to
        # the compiled messages. Written by `chirp init --ci github`; see chirp's README.
        name: chirp
        on:
          pull_request:
            paths: ["%s", ".github/workflows/chirp.yml"]
        jobs:
          check:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              security-events: write
            steps:
              - uses: actions/checkout@v4
                with:
                  fetch-depth: 0 # chirp diff reads the pull request's base
              - uses: actions/setup-java@v4 # the action builds chirp with Maven on Java 17
                with:
                  distribution: temurin
                  java-version: "17"
                  cache: maven
              - id: chirp
                uses: %s@v%s
                with:
                  catalog: %s
              - uses: github/codeql-action/upload-sarif@v3
                if: always() && steps.chirp.outputs.sarif != ''
                with:
                  sarif_file: ${{ steps.chirp.outputs.sarif }}
                  category: chirp
        """
        .formatted(paths, github, version, catalog);
  }

  /** The job of {@code --ci gitlab}, for the catalog at {@code catalog} (repository-relative). */
  static String gitlabJob(String catalog, String version, String github) {
    return """
        # chirp checks the message catalog in every merge request: the check's findings in the job
        # log and as a JUnit report, and what the change does to the compiled messages (chirp diff).
        # chirp is the self-contained release archive (no Java needed). Written by
        # `chirp init --ci gitlab`; see chirp's README.
        chirp:
          image: buildpack-deps:bookworm-scm
          rules:
            - if: $CI_PIPELINE_SOURCE == "merge_request_event"
          variables:
            GIT_DEPTH: "0" # chirp diff reads the merge request's base
            CHIRP_VERSION: "%2$s"
          script:
            - curl -fsSL "https://github.com/%3$s/releases/download/v$CHIRP_VERSION/chirp-$CHIRP_VERSION-linux-x64.tar.gz" | tar -xz -C /opt
            - export PATH="/opt/chirp-$CHIRP_VERSION/bin:$PATH"
            - mkdir -p chirp-reports
            - status=0
            - chirp check %1$s --strict --color never || status=$?
            - chirp check %1$s --format junit > chirp-reports/chirp-junit.xml || true
            - chirp diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA" HEAD --catalog %1$s | tee chirp-reports/chirp-diff.txt || true
            - exit $status
          artifacts:
            when: always
            reports:
              junit: chirp-reports/chirp-junit.xml
            paths: [chirp-reports/]
        """
        .formatted(catalog, version, github);
  }

  /** The root of the git repository holding {@code dir} (a folder with .git), else dir itself. */
  static Path repositoryRoot(Path dir) {
    Path start = dir.toAbsolutePath().normalize();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return start;
  }

  @Override
  public Integer call() throws IOException {
    Path workflow = null; // as shown: relative to the current folder when DIR is relative
    Path workflowFile = null;
    String workflowText = null;
    String catalog = null;
    if (ci != null) {
      Path root = repositoryRoot(dir);
      catalog = root.relativize(dir.toAbsolutePath().normalize()).toString();
      catalog = catalog.isEmpty() ? "." : catalog.replace('\\', '/');
      Path rel =
          ci == Ci.github
              ? Path.of(".github", "workflows", "chirp.yml")
              : Path.of(".gitlab-ci.yml");
      workflowFile = root.resolve(rel);
      workflow =
          dir.isAbsolute()
              ? workflowFile
              : Path.of("").toAbsolutePath().relativize(workflowFile).normalize();
      if (Files.exists(workflowFile)) {
        throw new Main.UsageError(
            workflow
                + " exists already; not overwriting it"
                + (ci == Ci.gitlab
                    ? " (add a chirp job to it by hand: README, \"GitLab CI\")"
                    : ""));
      }
      workflowText =
          ci == Ci.github
              ? githubWorkflow(catalog, Version.get(), Version.github())
              : gitlabJob(catalog, Version.get(), Version.github());
      if (Files.exists(dir.resolve("chirp.yaml"))) {
        // An existing catalog: only the workflow.
        write(workflowFile, workflowText);
        spec.commandLine().getOut().println("created " + workflow + " (checks " + catalog + ")");
        return Main.OK;
      }
    }
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
    if (workflowFile != null) {
      write(workflowFile, workflowText);
      out.println("created " + workflow + " (checks " + catalog + ")");
    }
    out.println("next: chirp check " + dir);
    return Main.OK;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
