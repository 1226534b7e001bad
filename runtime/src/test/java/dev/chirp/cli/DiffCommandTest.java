package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.cli.ChirpCli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chirp diff}: what it says of an example that stopped compiling, and where it looks. */
class DiffCommandTest {
  @TempDir Path dir;

  static final String SPEC =
      """
      chirp: 1
      id: hello
      variables:
        code: { type: string, pattern: "^[A-Z]{3}$", maxLength: 3 }
      message:
        text: "Your code is {{code}}."
      examples:
        - name: default
          vars: { code: %s }
      """;

  Path catalog(String name, String code) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Files.writeString(d.resolve("chirp.yaml"), "chirp: 1\n");
    Files.writeString(d.resolve("hello.yaml"), SPEC.formatted(code));
    return d;
  }

  @Test
  void anExampleThatNoLongerCompilesShowsWhy() throws Exception {
    Path before = catalog("old", "ABC");
    Path after = catalog("new", "abc");
    Result r = ChirpCli.exec("diff", before.toString(), after.toString());
    assertEquals(
        new Result(
            1,
            """
            changed: hello
              example default:
                --- a/hello/default.json
                +++ b/hello/default.json
                @@ -1,16 +1,2 @@
                -{
                -  "receiver": {
                -    "contacts": [
                -      {
                -        "identifierKey": "phonenumber",
                -        "identifierValue": "+31612345678"
                -      }
                -    ]
                -  },
                -  "body": {
                -    "type": "text",
                -    "text": {
                -      "text": "Your code is ABC."
                -    }
                -  }
                -}
                +(does not compile)
                +hello.yaml:9:19: error[var-value]: example `default`: `code` = "abc" does not match ^[A-Z]{3}$
            1 spec differ: 0 added, 0 removed, 1 changed
            """,
            ""),
        r);
  }

  void git(Path repo, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.email=t@example.com"));
    cmd.addAll(List.of("-c", "user.name=t"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  @Test
  void insideACatalogFolderItDiffsThatFolderAsCheckWould() throws Exception {
    Path repo = dir.resolve("repo");
    Path cat = Files.createDirectories(repo.resolve("messages"));
    Files.writeString(cat.resolve("chirp.yaml"), "chirp: 1\n");
    Files.writeString(cat.resolve("hello.yaml"), SPEC.formatted("ABC"));
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "one");
    Files.writeString(cat.resolve("hello.yaml"), SPEC.formatted("XYZ"));
    git(repo, "commit", "-q", "-am", "two");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.chirp.cli.QuickRetryMain",
                "diff",
                "HEAD~1",
                "HEAD")
            .directory(cat.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.waitFor(), out + err);
    assertEquals("", err);
    assertEquals(
        """
        changed: hello
          example default:
            --- a/hello/default.json
            +++ b/hello/default.json
            @@ -10,7 +10,7 @@
               "body": {
                 "type": "text",
                 "text": {
            -      "text": "Your code is ABC."
            +      "text": "Your code is XYZ."
                 }
               }
             }
        1 spec differ: 0 added, 0 removed, 1 changed
        """,
        out);
  }
}
