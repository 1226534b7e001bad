package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.cli.ChirpCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code chirp templates pull} against the loopback Channels API server. */
class TemplatesPullTest {
  static final String PROJECT = "7b1e0c52-3f9a-4d6b-8e27-c4a1f5d09e36";
  static final String OTHER = "e4f7a2d1-9b0c-4c68-a3e5-61d8f2b7c049";

  @RegisterExtension final ChirpCli cli = new ChirpCli();

  @Test
  void fillsTheRegistryFromBirdFollowingPagesAndKeepsTheRestOfTheFile() throws Exception {
    Path catalog = cli.dir().resolve("chirp.yaml");
    Files.writeString(
        catalog,
        """
        # my catalog
        chirp: 1
        templates:
          order-confirmation:
            projectId: 7b1e0c52-3f9a-4d6b-8e27-c4a1f5d09e36
            locales: [en]
        locales: [en, de]
        """);
    cli.bird()
        .channelTemplates(
            PROJECT,
            """
        {"results":[{"id":"t1","name":"Order confirmation","status":"draft","defaultLocale":"en"}],"nextPageToken":"p1"}""",
            """
        {"results":[{"id":"t2","name":"Order confirmation","status":"active",
          "platformContent":[{"locale":"en"},{"locale":"de"}],
          "variables":[{"key":"name","type":"string"},{"key":"orderId","type":"string"},{"key":"total","type":"number"}]}]}""");
    cli.bird()
        .channelTemplates(
            OTHER,
            """
        {"results":[{"name":"Campaign invite","status":"active","locales":["de"],"variables":[{"name":"url"}]}]}""");
    Result r = pull(catalog, OTHER);
    assertEquals(
        new Result(
            0,
            "pulled order-confirmation ("
                + PROJECT
                + "): locales en, de; parameters name, orderId, total\n"
                + "pulled campaign-invite ("
                + OTHER
                + "): locales de; parameters url\n"
                + "updated "
                + catalog
                + "\n",
            ""),
        r);
    assertEquals(
        """
        # my catalog
        chirp: 1
        templates:
          order-confirmation:
            projectId: 7b1e0c52-3f9a-4d6b-8e27-c4a1f5d09e36
            locales: [en, de]
            parameters: {name: string, orderId: string, total: number}
          campaign-invite:
            projectId: e4f7a2d1-9b0c-4c68-a3e5-61d8f2b7c049
            locales: [de]
            parameters: {url: string}
        locales: [en, de]
        """,
        Files.readString(catalog));
  }

  @Test
  void anUnknownProjectIsAClearError() throws Exception {
    Path catalog = cli.dir().resolve("chirp.yaml");
    Files.writeString(catalog, "chirp: 1\n");
    Result r = pull(catalog, PROJECT);
    assertEquals(
        new Result(
            1,
            "",
            "chirp: project "
                + PROJECT
                + ": Bird answered HTTP 404 (The requested resource does not exist: project not found)\n"),
        r);
  }

  /** Runs `templates pull` of {@code project} into {@code catalog} against the loopback server. */
  Result pull(Path catalog, String project) {
    List<String> args =
        new ArrayList<>(List.of("templates", "pull", "--catalog", catalog.toString()));
    args.addAll(cli.connection());
    return cli.run(ChirpCli.append(args, "--project-id", project));
  }

  /**
   * Bird's answer for {@link #PROJECT} does not fit a catalog that holds {@code before}: refused
   * for {@code why} (of template x), and the catalog is untouched.
   */
  void assertRefused(String before, String answer, String why) throws IOException {
    Path catalog = cli.file("chirp.yaml", before);
    cli.bird().channelTemplates(PROJECT, answer);
    assertEquals(
        new Result(
            1,
            "",
            "chirp: Bird's answer for project "
                + PROJECT
                + " does not fit "
                + catalog
                + ": template x: "
                + why
                + "; "
                + catalog
                + " is untouched\n"),
        pull(catalog, PROJECT));
    assertEquals(before, Files.readString(catalog));
  }

  @Test
  void anAnswerThatWouldInjectYamlIsRefusedAndTheFileIsUntouched() throws IOException {
    // A locale that, concatenated into YAML, would add a profile pointing elsewhere.
    assertRefused(
        "chirp: 1\n# keep me\n",
        """
        {"results":[{"name":"x","status":"active","locales":["en]\\ndefaultProfile: evil\\nprofiles:\\n  evil: {workspaceId: 2f0c6a4e-8d7b-4a43-9a3e-6f1d2c9b7e10, channelId: 8b5e1d2a-3c4f-4e6a-b7d8-9e0f1a2b3c4d, apiUrl: https://evil.example}\\n#"]}]}""",
        "locale \"en] defaultProfile: evil profiles:   evil: {workspaceId:"
            + " 2f0c6a4e-8d7b-4a43-9a3e-6f1d2c9b7e10, channelId:"
            + " 8b5e1d2a-3c4f-4e6a-b7d8-9e0f1a2b3c4d, apiUrl: https://evil.example} #\" is not"
            + " a BCP 47 tag");
  }

  @Test
  void aParameterKeyThatIsNoVariableNameIsRefused() throws IOException {
    assertRefused(
        "chirp: 1\n",
        """
        {"results":[{"name":"x","status":"active","locales":["en"],"variables":[{"key":"a: b"}]}]}""",
        "parameter key \"a: b\" is not a variable name (letters, digits, _, - and . only)");
  }
}
