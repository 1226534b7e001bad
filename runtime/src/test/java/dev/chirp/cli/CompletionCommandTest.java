package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.cli.ChirpCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
  @TempDir Path dir;

  /** What bash completes for {@code words} (the last is being typed), with the script loaded. */
  String complete(Path script, String words) throws IOException, InterruptedException {
    String program =
        "source "
            + script
            + " 2>/dev/null\n"
            + "COMP_WORDS=("
            + words
            + "); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE=\"${COMP_WORDS[*]}\";"
            + " COMP_POINT=${#COMP_LINE}; COMPREPLY=()\n"
            + "_complete_chirp 2>/dev/null\n"
            + "printf '%s|' \"${COMPREPLY[@]}\"\n";
    Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void printsAScriptThatCompletesCommandsAndOptions() throws Exception {
    Result r = ChirpCli.exec("completion");
    assertEquals(0, r.exit());
    assertEquals("", r.err());
    Path script = dir.resolve("chirp-completion.bash");
    Files.writeString(script, r.out());

    // Every command, in the order of `chirp --help`.
    assertEquals(
        "check|compile|explain|schema|send|window|report|status|diff|preview|init|templates|completion|lsp|daemon|",
        complete(script, "chirp ''"));
    assertEquals("send|", complete(script, "./chirp se"));
    assertEquals(
        "--resume|--resend-unknown|--require-window|--recipients|--report|",
        complete(script, "chirp send --re"));
    assertEquals("human|json|sarif|github|junit|", complete(script, "chirp check --format ''"));
    assertEquals("always|", complete(script, "chirp check --color al"));
    assertEquals("html|", complete(script, "chirp diff --format ht"));
    assertEquals("text|html|png|", complete(script, "chirp preview --format ''"));
    assertEquals("spec|catalog|", complete(script, "chirp schema ''"));
    assertEquals("catalog|", complete(script, "chirp schema c"));
    assertEquals("status|stop|", complete(script, "chirp daemon st"));
  }
}
