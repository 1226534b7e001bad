package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.cli.ChirpCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chirp schema [spec|catalog]}: the schemas as shipped, byte for byte. */
class SchemaCommandTest {
  private static final String SPEC_HEAD =
      "{\n"
          + "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
          + "  \"$id\": \"https://chirp.dev/schema/chirp-spec.schema.json\",\n"
          + "  \"title\": \"chirp message spec\",\n";
  private static final String CATALOG_HEAD =
      "{\n"
          + "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
          + "  \"$id\": \"https://chirp.dev/schema/chirp-catalog.schema.json\",\n"
          + "  \"title\": \"chirp catalog file (chirp.yaml)\",\n";

  /** A committed schema file of the repository (surefire runs in runtime/). */
  private static String committed(String name) throws IOException {
    return Files.readString(Path.of("..", "schema", name), StandardCharsets.UTF_8);
  }

  @Test
  void withoutKindPrintsTheSpecSchema() throws IOException {
    Result r = ChirpCli.exec("schema");

    assertEquals(0, r.exit());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith(SPEC_HEAD), r.out());
    assertEquals(committed("chirp-spec.schema.json"), r.out());
  }

  @Test
  void specPrintsTheSpecSchema() throws IOException {
    assertEquals(
        new Result(0, committed("chirp-spec.schema.json"), ""), ChirpCli.exec("schema", "spec"));
  }

  @Test
  void catalogPrintsTheCatalogFileSchema() throws IOException {
    Result r = ChirpCli.exec("schema", "catalog");

    assertEquals(0, r.exit());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith(CATALOG_HEAD), r.out());
    assertEquals(committed("chirp-catalog.schema.json"), r.out());
  }

  @Test
  void anUnknownKindIsAUsageError() {
    assertEquals(
        new Result(2, "", "chirp: unknown schema 'yaml'; use spec or catalog\n"),
        ChirpCli.exec("schema", "yaml"));
  }

  @Test
  void twoKindsAreAUsageError() {
    assertEquals(
        new Result(
            2,
            "",
            "chirp: Unmatched argument at index 2: 'spec'\n"
                + "Try 'chirp schema --help' for usage.\n"),
        ChirpCli.exec("schema", "catalog", "spec"));
  }

  @Test
  void helpNamesBothKinds() {
    Result r = ChirpCli.exec("schema", "--help");

    assertEquals(0, r.exit());
    assertTrue(
        r.out()
            .startsWith(
                "Usage: chirp schema [-hV] [KIND]\n"
                    + "Print a JSON Schema (2020-12) for editors and other tools: of spec files"
                    + " (spec,\n"
                    + "the default) or of the catalog file chirp.yaml (catalog).\n"),
        r.out());
    assertTrue(r.out().contains("      [KIND]      spec or catalog (default: spec)\n"), r.out());
  }

  /** The chirp.yaml of {@code chirp init} names the command that prints its schema, and it runs. */
  @Test
  void initsCatalogFileNamesChirpSchemaCatalog(@TempDir Path dir) throws IOException {
    assertEquals(0, ChirpCli.exec("init", dir.toString()).exit());

    assertEquals(
        "# chirp catalog file: profiles, locales and the template registry.\n"
            + "# Its JSON Schema: `chirp schema catalog`.\n"
            + "chirp: 1\n"
            + "# profiles:\n"
            + "#   production:\n"
            + "#     workspaceId: 00000000-0000-0000-0000-000000000000\n"
            + "#     channelId: 00000000-0000-0000-0000-000000000000\n"
            + "# defaultProfile: production\n",
        Files.readString(dir.resolve("chirp.yaml"), StandardCharsets.UTF_8));
    assertTrue(ChirpCli.exec("schema", "catalog").out().startsWith(CATALOG_HEAD));
    assertEquals(
        new Result(0, "ok: 2 files checked, no problems\n", ""),
        ChirpCli.exec("check", dir.toString()));
  }
}
