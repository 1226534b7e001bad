package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chirp.cli.ChirpCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Files chirp writes besides the journal (JournalTest): settings and reports. */
@DisabledOnOs(OS.WINDOWS)
class FilePermsTest {
  @RegisterExtension final ChirpCli cli = new ChirpCli();

  @Test
  void initWritesAChirpYamlNoOtherUserCanChange() throws IOException {
    Path dir = cli.dir();
    Result r = cli.run("init", dir.toString());
    assertEquals(
        new Result(
            0,
            "created "
                + cli.dir().resolve("chirp.yaml")
                + ", "
                + cli.dir().resolve("welcome.yaml")
                + ", "
                + cli.dir().resolve(".gitignore")
                + " and "
                + cli.dir().resolve("schema/chirp-spec.schema.json")
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
        Files.readString(cli.dir().resolve(".gitignore")));

    Set<PosixFilePermission> p = Files.getPosixFilePermissions(cli.dir().resolve("chirp.yaml"));
    assertFalse(p.contains(PosixFilePermission.OTHERS_WRITE), p.toString());
    assertFalse(p.contains(PosixFilePermission.GROUP_WRITE), p.toString());
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Set.copyOf(p.stream().filter(x -> x.name().startsWith("OWNER")).toList()));
  }

  @Test
  void aReportFileIsOwnerOnlyEvenWhenItExistedOpenToAll() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    Path report = cli.dir().resolve("report.jsonl");
    Files.writeString(report, "old\n");
    Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw-rw-"));
    Result r = cli.batch(BatchSendTest.SPEC, f, "--report", report.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
    assertFalse(Files.readString(report).startsWith("old"));
  }
}
