package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.cli.ChirpCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --changed-since}: in a real git repository with the example catalog, a pull request
 * gate sees every problem the change causes, in the format it asked for.
 */
class ChangedSinceTest {
  @TempDir Path repo;
  Path specs;

  void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.email=t@example.com", "-c"));
    cmd.add("user.name=t");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }

  @BeforeEach
  void catalogInGit() throws Exception {
    specs = repo.resolve("specs");
    Path from = Path.of("..", "specs");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path to = specs.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "base");
  }

  Result check(String... extra) {
    List<String> a = new ArrayList<>(List.of("check", specs.toString(), "--changed-since", "HEAD"));
    a.addAll(List.of(extra));
    return ChirpCli.exec(a.toArray(String[]::new));
  }

  @Test
  void aRevisionThatIsAGitOptionIsRefusedAndTouchesNothing() throws IOException {
    Path victim = repo.resolve("precious.txt");
    Files.writeString(victim, "keep me\n");
    String rev = "--output=" + victim;
    Result r = ChirpCli.exec("check", specs.toString(), "--changed-since=" + rev);
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --changed-since "
                + rev
                + ": '"
                + rev
                + "' is not a commit of this repository; give a branch, a tag or a commit (e.g."
                + " origin/main)\n"),
        r);
    assertEquals("keep me\n", Files.readString(victim));
  }

  @Test
  void aRevisionThatNamesNoCommitIsAUsageError() {
    assertEquals(
        2, ChirpCli.exec("check", specs.toString(), "--changed-since", "no-such-branch").exit());
    assertEquals(
        "chirp: --changed-since no-such-branch: 'no-such-branch' is not a commit of this"
            + " repository; give a branch, a tag or a commit (e.g. origin/main)\n",
        ChirpCli.exec("check", specs.toString(), "--changed-since", "no-such-branch").err());
  }

  @Test
  void diffRefusesARevisionThatIsAGitOption() throws Exception {
    Path victim = repo.resolve("precious.txt");
    Files.writeString(victim, "keep me\n");
    String rev = "--output=" + victim;
    String cwd = System.getProperty("user.dir");
    // Past picocli's own option parsing (`--` ends it), as a script quoting its input would pass
    // it.
    Result r = ChirpCli.exec("diff", "--catalog", "specs", "--", rev, "HEAD");
    assertEquals(2, r.exit(), r.toString());
    assertEquals(
        "chirp: '"
            + rev
            + "' is neither a folder nor a commit of this repository; give a folder, a branch, a"
            + " tag or a commit (e.g. origin/main)\n",
        r.err());
    assertEquals("keep me\n", Files.readString(victim));
    assertEquals(cwd, System.getProperty("user.dir"));
  }

  @Test
  void nothingChangedIsSaidInTheAskedFormat() throws IOException {
    assertEquals(new Result(0, "ok: no spec changed since HEAD\n", ""), check());
    Result sarif = check("--format", "sarif");
    assertEquals(0, sarif.exit());
    assertTrue(sarif.out().startsWith("{"), sarif.out());
    assertTrue(sarif.out().contains("\"results\" : [ ]"), sarif.out());
  }

  @Test
  void aChangedSpecIsReportedAlone() throws IOException {
    Path spec = specs.resolve("text-plain.yaml");
    Files.writeString(spec, Files.readString(spec).replace("Hi {{name}}", "Hi {{nme}}"));
    Result r = check("--format", "github");
    assertEquals(1, r.exit(), r.out());
    assertEquals(
        List.of("text-plain.yaml"),
        r.out()
            .lines()
            .filter(l -> l.startsWith("::error"))
            .map(l -> l.replaceAll(".*file=[^,]*/([^/,]+),.*", "$1"))
            .distinct()
            .toList());
  }

  @Test
  void aChangedTemplateRegistryReportsTheSpecsItBreaks() throws IOException {
    Path catalog = specs.resolve("chirp.yaml");
    Files.writeString(
        catalog,
        Files.readString(catalog)
            .replace(
                "parameters: { name: string, orderId: string }",
                "parameters: { name: string, orderNumber: string }"));
    Result r = check();
    assertEquals(1, r.exit(), r.out());
    // chirp.yaml changed: every spec is reported, and the template specs it breaks fail.
    assertEquals(
        List.of(
            specs.resolve("template-text.yaml")
                + ":9:3: error[template-parameters]: template `order-confirmation` needs"
                + " parameter `orderNumber`, which is not given (WhatsApp error 132000)",
            specs.resolve("template-text.yaml")
                + ":14:5: error[template-parameters]: template `order-confirmation` has no"
                + " parameter `orderId` (WhatsApp error 132000)"),
        r.out().lines().filter(l -> l.contains(": error[")).toList());
  }

  @Test
  void aNewSpecWithAnIdInUseIsReported() throws IOException {
    Files.createDirectories(specs.resolve("promo"));
    Files.copy(specs.resolve("text-plain.yaml"), specs.resolve("promo").resolve("text-plain.yaml"));
    Result r = check();
    assertEquals(1, r.exit(), r.out());
    // Only the new file is shown, with its own report of the id it shares.
    assertEquals(
        List.of(
            specs.resolve("promo").resolve("text-plain.yaml")
                + ":3:5: error[id-duplicate]: spec id `text-plain` is also used by "
                + specs.resolve("text-plain.yaml")),
        r.out().lines().filter(l -> l.contains(": error[")).toList());
  }
}
