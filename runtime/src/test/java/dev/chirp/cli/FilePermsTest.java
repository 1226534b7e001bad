package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chirp.send.FakeBird;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Files chirp writes besides the journal (JournalTest): settings and reports. */
@DisabledOnOs(OS.WINDOWS)
class FilePermsTest {
  @TempDir Path dir;

  @Test
  void initWritesAChirpYamlNoOtherUserCanChange() throws IOException {
    MainTest.Result r = MainTest.run("init", dir.toString());
    assertEquals(
        new MainTest.Result(
            0,
            "created "
                + dir.resolve("chirp.yaml")
                + ", "
                + dir.resolve("welcome.yaml")
                + ", "
                + dir.resolve(".gitignore")
                + " and "
                + dir.resolve("schema/chirp-spec.schema.json")
                + "\nnext: chirp check "
                + dir
                + "\n",
            ""),
        r);
    assertEquals(
        "# journals of batch sends: they list receivers (personal data)\n"
            + ".chirp/\n"
            + "# reports written by the CI recipe (docs/ci/chirp-ci.sh)\n"
            + "chirp-reports/\n",
        Files.readString(dir.resolve(".gitignore")));

    Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir.resolve("chirp.yaml"));
    assertFalse(p.contains(PosixFilePermission.OTHERS_WRITE), p.toString());
    assertFalse(p.contains(PosixFilePermission.GROUP_WRITE), p.toString());
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Set.copyOf(p.stream().filter(x -> x.name().startsWith("OWNER")).toList()));
  }

  @Test
  void aReportFileIsOwnerOnlyEvenWhenItExistedOpenToAll() throws IOException {
    Path f = dir.resolve("r.csv");
    Files.writeString(f, "to,name,code\n+31612345601,Ada,ABC\n", StandardCharsets.UTF_8);
    Path report = dir.resolve("report.jsonl");
    Files.writeString(report, "old\n");
    Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw-rw-"));
    try (FakeBird bird = FakeBird.start(BatchSendTest.KEY)) {
      MainTest.Result r =
          MainTest.run(
              Map.of("BIRD_ACCESS_KEY", BatchSendTest.KEY),
              false,
              "send",
              BatchSendTest.SPEC,
              "--recipients",
              f.toString(),
              "--api-url",
              bird.url().toString(),
              "--workspace-id",
              FakeBird.WORKSPACE,
              "--channel-id",
              FakeBird.CHANNEL,
              "--journal",
              dir.resolve("j.sqlite").toString(),
              "--report",
              report.toString());
      assertEquals(0, r.exit(), r.err());
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
    assertFalse(Files.readString(report).startsWith("old"));
  }
}
