package dev.chirp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chirp lsp with a real editor: headless Neovim's built-in LSP client starts {@code java -cp <this
 * test's classpath> dev.chirp.cli.Main lsp}, opens a spec with mistakes, takes chirp's diagnostics,
 * applies a code action, and writes what it saw to a file.
 */
class NeovimTest {
  @TempDir Path dir;

  /**
   * Neovim 0.7's Lua API: vim.lsp.start_client and buf_attach_client (0.7 has no vim.lsp.start).
   */
  static final String SCRIPT =
      """
      local out = {}
      local function run()
        local client_id = vim.lsp.start_client({
          name = 'chirp',
          cmd = { JAVA, '-cp', CLASSPATH, 'dev.chirp.cli.Main', 'lsp' },
          root_dir = ROOT,
        })
        vim.cmd('edit ' .. vim.fn.fnameescape(SPEC))
        local bufnr = vim.api.nvim_get_current_buf()
        vim.lsp.buf_attach_client(bufnr, client_id)
        local function sorted()
          local ds = vim.diagnostic.get(bufnr)
          table.sort(ds, function(a, b)
            if a.lnum ~= b.lnum then return a.lnum < b.lnum end
            return a.col < b.col
          end)
          return ds
        end
        local function record(ds)
          for _, d in ipairs(ds) do
            local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
            table.insert(out, string.format('%d:%d-%d:%d severity=%d %s %s: %s',
              d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.source or '?',
              tostring(code), (d.message:gsub('\\n', ' | '))))
          end
        end
        if not vim.wait(90000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
          table.insert(out, 'no diagnostics within 90 s')
          return
        end
        record(sorted())
        local client = vim.lsp.get_client_by_id(client_id)
        table.insert(out, 'encoding: ' .. tostring(client.offset_encoding))
        local params = {
          textDocument = { uri = vim.uri_from_bufnr(bufnr) },
          range = { start = { line = 6, character = 0 }, ['end'] = { line = 7, character = 0 } },
          context = { diagnostics = {} },
        }
        local resp = client.request_sync('textDocument/codeAction', params, 30000, bufnr)
        local actions = (resp and resp.result) or {}
        for _, a in ipairs(actions) do table.insert(out, 'action: ' .. a.title) end
        if #actions == 0 then return end
        vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
        table.insert(out, 'line 7: ' .. vim.api.nvim_buf_get_lines(bufnr, 6, 7, false)[1])
        if not vim.wait(90000, function() return #vim.diagnostic.get(bufnr) == 1 end, 50) then
          table.insert(out, 'diagnostics after the fix did not come within 90 s')
          return
        end
        table.insert(out, 'after the fix:')
        record(sorted())
        vim.lsp.stop_client(client_id)
      end
      local ok, err = pcall(run)
      if not ok then table.insert(out, 'error: ' .. tostring(err)) end
      vim.fn.writefile(out, OUT)
      vim.cmd('qa!')
      """;

  @Test
  void neovimShowsChirpsDiagnosticsAndAppliesAQuickFix() throws Exception {
    String nvim = onPath("nvim");
    Assumptions.assumeTrue(
        nvim != null, "nvim is not installed (Debian package neovim); Neovim test skipped");
    Files.writeString(dir.resolve("chirp.yaml"), "chirp: 1\n");
    Path spec = dir.resolve("greeting.yaml");
    Files.writeString(spec, LspServerTest.GREETING);
    Path out = dir.resolve("seen.txt");
    Path script = dir.resolve("test.lua");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        script,
        "local JAVA = "
            + lua(java)
            + "\nlocal CLASSPATH = "
            + lua(System.getProperty("java.class.path"))
            + "\nlocal ROOT = "
            + lua(dir.toString())
            + "\nlocal SPEC = "
            + lua(spec.toString())
            + "\nlocal OUT = "
            + lua(out.toString())
            + "\n"
            + SCRIPT);
    Process p =
        new ProcessBuilder(
                nvim, "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile " + script)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nvim.log").toFile())
            .start();
    boolean done = p.waitFor(240, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(done, "nvim did not finish within 240 s");
    assertTrue(
        Files.exists(out),
        "nvim wrote nothing; its output: " + Files.readString(dir.resolve("nvim.log")));
    // Neovim counts columns in bytes: `{{nmae}}` is at byte 21 of its line (after 👋🏽, 8 bytes),
    // which chirp sent as UTF-16 character 17.
    assertEquals(
        List.of(
            "4:2-4:6 severity=2 chirp var-unused: variable `note` is declared but never used",
            "6:21-6:29 severity=1 chirp var-undeclared: variable `nmae` is not declared | help:"
                + " did you mean `name`?",
            "encoding: utf-16",
            "action: Change to `name`",
            "line 7:   text: \"👋🏽 Hi {{name}}, {{name}}!\"",
            "after the fix:",
            "4:2-4:6 severity=2 chirp var-unused: variable `note` is declared but never used"),
        Files.readAllLines(out));
  }

  /** A Lua string literal. */
  static String lua(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }

  static String onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path f = Path.of(d, name);
      if (Files.isExecutable(f)) {
        return f.toString();
      }
    }
    return null;
  }
}
