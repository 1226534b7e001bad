package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.cli.ChirpCli.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code chirp compile}: exact payloads, exact problems, exit codes. */
class CompileCommandTest {
  @RegisterExtension final ChirpCli cli = new ChirpCli();

  static final String GREET = "src/test/resources/cli/compile/greet.yaml";
  static final String VALS = "src/test/resources/cli/compile/vals.yaml";

  @Test
  void firstExampleCompact() {
    Result r = cli.run("compile", GREET, "--example", "--compact");
    assertEquals(
        new Result(
            0,
            "{\"receiver\":{\"contacts\":[{\"identifierKey\":\"phonenumber\",\"identifierValue\":\"+31612345678\"}]},"
                + "\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Hi Ada & \\\"friends\\\" <3\",\"actions\":"
                + "[{\"type\":\"link\",\"link\":{\"text\":\"Open\",\"url\":\"https://x.example/p/a%20b\"}}]}}}\n",
            ""),
        r);
  }

  /**
   * The template registry of the catalog's chirp.yaml is checked as `check` does, then the rest.
   */
  @Test
  void aTemplateTheRegistryRefusesIsNotCompiled() {
    Path spec =
        cli.examples(
            "template-text.yaml",
            t ->
                t.replace("locale: en", "locale: fr")
                    .replace("    orderId: \"{{orderId}}\"\n", ""));
    assertEquals(
        new Result(
            1,
            "",
            spec
                + ":9:3: error[template-parameters]: template `order-confirmation` needs parameter"
                + " `orderId`, which is not given (WhatsApp error 132000)\n"
                + " 9 |   projectId: 7b1e0c52-3f9a-4d6b-8e27-c4a1f5d09e36\n"
                + "   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
                + spec
                + ":11:11: error[template-locale]: template `order-confirmation` is not approved"
                + " in fr; it has en\n"
                + " 11 |   locale: fr\n"
                + "    |           ^^\n"
                + "2 errors, 0 warnings in 1 file\n"),
        cli.run("compile", spec.toString(), "--example"));
  }

  /** An unregistered template is a warning in compile as in check: the payload still comes out. */
  @Test
  void anUnregisteredTemplateIsWarnedAboutAsCheckDoes() {
    Path spec =
        cli.examples(
            "template-text.yaml",
            t ->
                t.replace(
                    "7b1e0c52-3f9a-4d6b-8e27-c4a1f5d09e36",
                    "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    Result check = cli.run("check", spec.toString());
    Result compile = cli.run("compile", spec.toString(), "--example", "--compact");
    String warning =
        spec
            + ":9:14: warning[template-unregistered]: template project"
            + " 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d is not in the registry of "
            + cli.dir().resolve("chirp.yaml");
    assertEquals(true, check.out().startsWith(warning + "\n"), check.out());
    assertEquals(0, compile.exit(), compile.toString());
    assertEquals(true, compile.err().startsWith(warning + "\n"), compile.err());
    assertEquals(true, compile.out().startsWith("{\"receiver\":{\"contacts\":["), compile.out());
  }

  @Test
  void exampleWithoutExamplesUsesTheVariablesExampleValues() {
    Path spec =
        cli.file(
            "hi.yaml",
            "chirp: 1\nid: hi\nvariables:\n  name: { type: string, maxLength: 10, example: Ada }\n"
                + "message:\n  text: Hello {{name}}\n");
    assertEquals(
        new Result(
            0,
            "{\"receiver\":{\"contacts\":[{\"identifierKey\":\"phonenumber\",\"identifierValue\":"
                + "\"+31612345678\"}]},\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Hello Ada\"}}}\n",
            ""),
        cli.run("compile", spec.toString(), "--example", "--compact"));
  }

  /** An example's bad `to:` is reported at that value, not at the example's `- name:` line. */
  @Test
  void exampleWithABadNumberIsReportedAtItsTo() {
    Path spec =
        cli.file(
            "hi.yaml",
            "chirp: 1\nid: hi\nvariables:\n  name: { type: string, maxLength: 10 }\n"
                + "message:\n  text: Hello {{name}}\nexamples:\n  - name: default\n"
                + "    vars: { name: Ada }\n    to: \"+3161234\"\n");
    assertEquals(
        new Result(
            1,
            "",
            spec
                + ":10:9: error[receiver]: receiver \"+3161234\" is not a valid phone number for"
                + " country code +31\n"
                + " 10 |     to: \"+3161234\"\n"
                + "    |         ^^^^^^^^^^\n"
                + "1 error, 0 warnings in 1 file\n"),
        cli.run("compile", spec.toString(), "--example"));
  }

  @Test
  void varsFileThenVarWins() {
    Result r =
        cli.run(
            "compile",
            GREET,
            "--vars",
            VALS,
            "--var",
            "name=Cy",
            "--to",
            "+4915123456789",
            "--compact");
    assertEquals(
        new Result(
            0,
            "{\"receiver\":{\"contacts\":[{\"identifierKey\":\"phonenumber\",\"identifierValue\":\"+4915123456789\"}]},"
                + "\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Hi Cy & \\\"friends\\\" <3\",\"actions\":"
                + "[{\"type\":\"link\",\"link\":{\"text\":\"Open\",\"url\":\"https://x.example/p/x%2Fy\"}}]}}}\n",
            ""),
        r);
  }

  @Test
  void badValueNamesItsExampleAndIsNotPrinted() {
    Result r = cli.run("compile", GREET, "--example", "long");
    assertEquals(
        new Result(
            1,
            "",
            GREET
                + ":14:19: error[var-value]: example `long`: `name` = \"Adaaaaaaaaaaaaaaaaaaaaaaaaaa\" is 28"
                + " characters; at most 20 allowed\n"
                + " 14 |     vars: { name: \"Adaaaaaaaaaaaaaaaaaaaaaaaaaa\", slug: x }\n"
                + "    |                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
                + "1 error, 0 warnings in 1 file\n"),
        r);
  }

  @Test
  void missingAndUnknownVars() {
    Result r = cli.run("compile", GREET, "--var", "nme=Bo");
    assertEquals(
        new Result(
            1,
            "",
            "command line:1:1: error[var-missing]: --var: no value for required variable `name`;"
                + " give it with --var name=VALUE\n"
                + "command line:1:1: error[var-missing]: --var: no value for required variable `slug`;"
                + " give it with --var slug=VALUE\n"
                + "command line:1:1: error[var-unknown]: --var nme: `nme` is not a variable of greet\n"
                + "  = help: did you mean `name`?\n"
                + "3 errors, 0 warnings in 1 file\n"),
        r);
  }

  @Test
  void badReceiverAndUsageErrors() {
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --to \"0612345678\" has no leading + and country code; write it in E.164 form,"
                + " e.g. +31612345678\n"),
        cli.run("compile", GREET, "--var", "name=A", "--var", "slug=b", "--to", "0612345678"));
    // Blamed on --to even with an example (whose receiver it replaces), not on the example.
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --to \"+31\" is not a phone number: it is too short; write it in E.164 form,"
                + " e.g. +31612345678\n"),
        cli.run("compile", GREET, "--example", "--to", "+31"));
    assertEquals(
        new Result(2, "", "chirp: --contact-id \"abc\" is not a UUID\n"),
        cli.run("compile", GREET, "--example", "--contact-id", "abc"));
    assertEquals(
        new Result(2, "", "chirp: .. is a folder; give one spec file\n"),
        cli.run("compile", "..", "--example"));
    assertEquals(
        new Result(2, "", "chirp: no example 'nope' in " + GREET + "; it has: default, long\n"),
        cli.run("compile", GREET, "--example", "nope"));
    assertEquals(
        new Result(2, "", "chirp: --var needs NAME=VALUE, got 'name'\n"),
        cli.run("compile", GREET, "--var", "name"));
  }
}
