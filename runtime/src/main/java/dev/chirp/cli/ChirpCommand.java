package dev.chirp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command; the work is in its subcommands. */
@Command(
    name = "chirp",
    mixinStandardHelpOptions = true,
    versionProvider = ChirpCommand.VersionProvider.class,
    description = "Compile, check and send WhatsApp message specs through Bird's Channels API.",
    subcommands = {
      CheckCommand.class,
      CompileCommand.class,
      ExplainCommand.class,
      SchemaCommand.class,
      SendCommand.class,
      WindowCommand.class,
      ReportCommand.class,
      StatusCommand.class,
      DiffCommand.class,
      PreviewCommand.class,
      InitCommand.class,
      TemplatesCommand.class,
      CompletionCommand.class,
      LspCommand.class,
      DaemonCommand.class,
    })
final class ChirpCommand implements Runnable {
  final Main.Env env;

  @Spec CommandSpec spec;

  ChirpCommand(Main.Env env) {
    this.env = env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"chirp " + Version.get()};
    }
  }
}
