package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.cli.ChirpCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chirp init --ci github|gitlab}: the workflow beside the catalog, byte for byte. */
class InitCiTest {
  @TempDir Path repo;

  static final String V = Version.get();

  static final String GITHUB_SPECS =
      """
      # chirp checks the message catalog on every pull request: problems are annotations on the
      # diff and code-scanning alerts (SARIF), and the job summary shows what the change does to
      # the compiled messages. Written by `chirp init --ci github`; see chirp's README.
      name: chirp
      on:
        pull_request:
          paths: ["specs/**", ".github/workflows/chirp.yml"]
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
              uses: chirp-dev/chirp@v@V@
              with:
                catalog: specs
            - uses: github/codeql-action/upload-sarif@v3
              if: always() && steps.chirp.outputs.sarif != ''
              with:
                sarif_file: ${{ steps.chirp.outputs.sarif }}
                category: chirp
      """
          .replace("@V@", V);

  static final String GITLAB_ROOT =
      """
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
          CHIRP_VERSION: "@V@"
        script:
          - curl -fsSL "https://github.com/chirp-dev/chirp/releases/download/v$CHIRP_VERSION/chirp-$CHIRP_VERSION-linux-x64.tar.gz" | tar -xz -C /opt
          - export PATH="/opt/chirp-$CHIRP_VERSION/bin:$PATH"
          - mkdir -p chirp-reports
          - status=0
          - chirp check . --strict --color never || status=$?
          - chirp check . --format junit > chirp-reports/chirp-junit.xml || true
          - chirp diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA" HEAD --catalog . | tee chirp-reports/chirp-diff.txt || true
          - exit $status
        artifacts:
          when: always
          reports:
            junit: chirp-reports/chirp-junit.xml
          paths: [chirp-reports/]
      """
          .replace("@V@", V);

  private String read(String rel) throws IOException {
    return Files.readString(repo.resolve(rel), StandardCharsets.UTF_8);
  }

  @Test
  void githubWorkflowAtTheRepositoryRootForACatalogInAFolder() throws IOException {
    Files.createDirectories(repo.resolve(".git"));
    Path specs = repo.resolve("specs");

    Result r = ChirpCli.exec("init", specs.toString(), "--ci", "github");

    assertEquals(
        new Result(
            0,
            "created "
                + specs.resolve("chirp.yaml")
                + ", "
                + specs.resolve("welcome.yaml")
                + ", "
                + specs.resolve(".gitignore")
                + " and "
                + specs.resolve("schema/chirp-spec.schema.json")
                + "\ncreated "
                + repo.resolve(".github/workflows/chirp.yml")
                + " (checks specs)\nnext: chirp check "
                + specs
                + "\n",
            ""),
        r);
    assertEquals(GITHUB_SPECS, read(".github/workflows/chirp.yml"));
    assertEquals(0, ChirpCli.exec("check", specs.toString()).exit());
  }

  @Test
  void gitlabJobForACatalogAtTheRoot() throws IOException {
    Files.createDirectories(repo.resolve(".git"));

    Result r = ChirpCli.exec("init", repo.toString(), "--ci", "gitlab");

    assertEquals(0, r.exit(), r::toString);
    assertTrue(
        r.out().contains("\ncreated " + repo.resolve(".gitlab-ci.yml") + " (checks .)\n"), r.out());
    assertEquals(GITLAB_ROOT, read(".gitlab-ci.yml"));
  }

  @Test
  void outsideAGitRepositoryTheWorkflowGoesBesideTheCatalog() throws IOException {
    // @TempDir is not inside a git repository; the catalog's folder is taken as its root.
    Result r = ChirpCli.exec("init", repo.toString(), "--ci", "github");

    assertEquals(0, r.exit(), r::toString);
    assertEquals(
        GITHUB_SPECS.replace("\"specs/**\"", "\"**\"").replace("catalog: specs", "catalog: ."),
        read(".github/workflows/chirp.yml"));
  }

  @Test
  void anExistingCatalogGetsOnlyTheWorkflow() throws IOException {
    Files.createDirectories(repo.resolve(".git"));
    Path specs = repo.resolve("specs");
    assertEquals(0, ChirpCli.exec("init", specs.toString()).exit());
    String catalog = read("specs/chirp.yaml");

    Result r = ChirpCli.exec("init", specs.toString(), "--ci", "github");

    assertEquals(
        new Result(
            0, "created " + repo.resolve(".github/workflows/chirp.yml") + " (checks specs)\n", ""),
        r);
    assertEquals(GITHUB_SPECS, read(".github/workflows/chirp.yml"));
    assertEquals(catalog, read("specs/chirp.yaml"));
  }

  @Test
  void anExistingWorkflowIsNeverOverwrittenAndNothingIsWritten() throws IOException {
    Files.createDirectories(repo.resolve(".git"));
    Files.writeString(repo.resolve(".gitlab-ci.yml"), "stages: [build]\n");
    Path specs = repo.resolve("specs");

    Result r = ChirpCli.exec("init", specs.toString(), "--ci", "gitlab");

    assertEquals(
        new Result(
            2,
            "",
            "chirp: "
                + repo.resolve(".gitlab-ci.yml")
                + " exists already; not overwriting it (add a chirp job to it by hand: README,"
                + " \"GitLab CI\")\n"),
        r);
    assertEquals("stages: [build]\n", read(".gitlab-ci.yml"));
    assertFalse(Files.exists(specs));
  }

  @Test
  void anUnknownCiIsAUsageError() {
    Result r = ChirpCli.exec("init", repo.toString(), "--ci", "jenkins");

    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("chirp: Invalid value for option '--ci'"), r.err());
    assertFalse(Files.exists(repo.resolve("chirp.yaml")));
  }

  /** The workflow uses the action of this repository with the input it declares. */
  @Test
  void theGithubWorkflowUsesThisRepositorysAction() throws IOException {
    String action = Files.readString(Path.of("..", "action.yml"), StandardCharsets.UTF_8);
    assertTrue(action.contains("\ninputs:\n  catalog:\n"), action);
    assertTrue(GITHUB_SPECS.contains("uses: " + Version.github() + "@v" + V + "\n"));
    String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    assertTrue(pom.contains("<url>https://github.com/" + Version.github() + "</url>"), pom);
  }
}
