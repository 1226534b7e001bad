package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.batch.Journal;
import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.FakeBird;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batch sends with exact output: every kind of bad row, the header checks, the flags, unknown
 * outcomes and the report, in-process against the loopback Channels API server.
 */
class BatchRowsTest {
  static final String SPEC = BatchSendTest.SPEC;
  static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\":\"[0-9a-f-]{36}\"");

  @RegisterExtension final ChirpCli cli = new ChirpCli();

  Result send(String spec, Path recipients, String... extra) {
    return cli.batch(spec, recipients, extra);
  }

  Result send(Path recipients, String... extra) {
    return cli.batch(SPEC, recipients, extra);
  }

  /** The summary block chirp prints for a batch with a journal. */
  String summary(
      Path f,
      String rows,
      String accepted,
      int rejected,
      int failed,
      int unknown,
      int invalid,
      int duplicates) {
    return "batch hello: "
        + rows
        + " in "
        + f
        + "\n"
        + "  accepted      "
        + String.format("%9s", accepted.strip().split(" ", 2)[0])
        + (accepted.strip().contains(" ") ? " " + accepted.strip().split(" ", 2)[1] : "")
        + "\n"
        + String.format("  rejected      %9d%n", rejected)
        + String.format("  failed        %9d%n", failed)
        + (unknown > 0
            ? String.format(
                "  unknown       %9d   (may have been sent; chirp status --reconcile looks them up)%n",
                unknown)
            : "  unknown               0\n")
        + String.format("  invalid rows  %9d%n", invalid)
        + (duplicates > 0
            ? String.format("  duplicates    %9d   (sent once)%n", duplicates)
            : "  duplicates            0\n")
        + "journal: "
        + cli.journal()
        + "  (chirp report "
        + cli.journal()
        + ")\n";
  }

  /** The text of each message the server received, as "receiver text". */
  static List<String> texts(List<FakeBird.Received> received) {
    Pattern p =
        Pattern.compile("\"identifierValue\":\"([^\"]+)\".*\"text\":\\{\"text\":\"([^\"]+)\"");
    List<String> out = new ArrayList<>();
    for (FakeBird.Received r : received) {
      Matcher m = p.matcher(r.bodyText());
      assertTrue(m.find(), r.bodyText());
      out.add(m.group(1) + " " + m.group(2));
    }
    return out;
  }

  static String ids(String s) {
    return MESSAGE_ID.matcher(s).replaceAll("\"messageId\":\"ID\"");
  }

  List<Journal.Entry> entries() throws IOException {
    List<Journal.Entry> out = new ArrayList<>();
    try (Journal j = Journal.open(cli.journal())) {
      j.forEach(out::add);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Bad rows and headers

  @Test
  void everyKindOfBadRowIsReportedAndOnlyGoodRowsAreSent() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n"
                + "+31612345601,Ada,ABC\n"
                + "31612345602,Bob,ABC\n"
                + "+1234,Cy,ABC\n"
                + ",Dan,ABC\n"
                + "+31612345606,Eve\n"
                + "+31612345607,Fay,abc\n"
                + "+31612345608,ThisNameIsMuchTooLongForTheSpec1,ABC\n"
                + "+31612345601,Gus,DEF\n"
                + "+31612345610,Hal,XYZ\n");
    Result r = send(f, "--concurrency", "1");
    String d = f.toString();
    assertEquals(
        d
            + ":3: error[recipients]: row 3, column to: \"31612345602\" has no leading + and"
            + " country code; write it in E.164 form, e.g. +31612345678\n"
            + d
            + ":4: error[recipients]: row 4, column to: \"+1234\" is not a valid phone number"
            + " for country code +1\n"
            + d
            + ":5: error[recipients]: row 5 has no receiver: `to` (E.164 number) or `contactId`"
            + " is empty\n"
            + d
            + ":6: error[recipients]: row 6 has 2 fields, the header has 3\n"
            + d
            + ":7: error[var-value]: row 7, column code: `code` = \"abc\" does not match"
            + " ^[A-Z]{3}$\n"
            + d
            + ":8: error[var-value]: row 8, column name: `name` ="
            + " \"ThisNameIsMuchTooLongForTheSpec1\" is 32 characters; at most 30 allowed\n"
            + d
            + ":9: warning[duplicate]: row 9 sends to +31612345601 again (first at line 2); it"
            + " is skipped (--allow-duplicates sends both)\n"
            + summary(f, "9 rows", "            2", 0, 0, 0, 6, 1),
        r.err());
    assertEquals("", r.out());
    assertEquals(1, r.exit());
    assertEquals(
        List.of("+31612345601 Hi Ada, your code is ABC.", "+31612345610 Hi Hal, your code is XYZ."),
        texts(cli.bird().received()));
  }

  @Test
  void headerWithoutARequiredColumnStopsBeforeAnySend() throws IOException {
    Path f = cli.file("r.csv", "to,name\n+31612345601,Ada\n");
    Result r = send(f);
    assertEquals(
        new Result(
            1,
            "",
            f + ":1: error[var-missing]: the header has no column `code`, which hello requires\n"),
        r);
    assertEquals(List.of(), cli.bird().received());
    assertFalse(Files.exists(cli.journal()), "a batch that cannot start leaves no journal");
  }

  @Test
  void headerWithoutAReceiverColumnStopsBeforeAnySend() throws IOException {
    Path f = cli.file("r.csv", "phone,name,code\n+31612345601,Ada,ABC\n");
    assertEquals(
        new Result(
            1,
            "",
            f
                + ":1: error[recipients]: the header has no `to` or `contactId` column; one"
                + " names each receiver (rename `phone` to `to` if it holds the numbers)\n"),
        send(f));
    Path other = cli.file("s.csv", "who,name,code\n+31612345601,Ada,ABC\n");
    assertEquals(
        new Result(
            1,
            "",
            other
                + ":1: error[recipients]: the header has no `to` or `contactId` column; one"
                + " names each receiver\n"),
        send(other));
    assertEquals(List.of(), cli.bird().received());
  }

  @Test
  void aFileThatCannotBeReadToItsEndSaysSoInTheSummary() throws IOException {
    Path f = cli.dir().resolve("latin1.csv");
    Files.write(
        f,
        "to,name,code\n+31612345601,Ada,ABC\n+31612345602,B\u00e9a,DEF\n+31612345603,Cy,GHI\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    Result r = send(f);
    assertEquals(1, r.exit(), r.err());
    assertEquals(
        List.of(
            f
                + ":3: error[recipients]: row 3 cannot be read: not valid UTF-8; the rest of the"
                + " file is not read",
            "batch hello: 2 rows in " + f + " (the rest of the file could not be read)"),
        r.err().lines().limit(2).toList());
    assertEquals(1, cli.bird().received().size());
  }

  @Test
  void anExtraColumnIsOneWarningAndTheBatchProceeds() throws IOException {
    Path f = cli.file("r.csv", "to,name,code,extra\n+31612345601,Ada,ABC,x\n");
    Result r = send(f);
    assertEquals(
        new Result(
            0,
            "",
            f
                + ":1: warning[var-unknown]: column `extra` is not a variable of hello; it is"
                + " ignored\n"
                + summary(f, "1 row", "            1", 0, 0, 0, 0, 0)),
        r);
    assertEquals(List.of("+31612345601 Hi Ada, your code is ABC."), texts(cli.bird().received()));
  }

  @Test
  void anEmptyFileIsAnErrorAndLeavesNoJournal() throws IOException {
    Path f = cli.file("r.csv", "");
    assertEquals(
        new Result(
            2, "", "chirp: " + f + ":1: the file is empty; a CSV file starts with a header row\n"),
        send(f));
    Path j = cli.file("r.jsonl", "");
    assertEquals(
        new Result(2, "", "chirp: " + j + ":1: the file is empty; write one JSON object a line\n"),
        send(j));
    assertFalse(Files.exists(cli.journal()));
    assertEquals(List.of(), cli.bird().received());
  }

  @Test
  void aHeaderOnlyFileIsZeroRowsAndSuccess() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n");
    assertEquals(new Result(0, "", summary(f, "0 rows", "            0", 0, 0, 0, 0, 0)), send(f));
    assertEquals(List.of(), cli.bird().received());
  }

  @Test
  void anUnknownExtensionIsAUsageError() throws IOException {
    Path f = cli.file("r.txt", "to,name,code\n");
    assertEquals(
        new Result(
            2, "", "chirp: " + f + ": recipients files are .csv (with a header row) or .jsonl\n"),
        send(f));
  }

  @Test
  void aQuotedFieldNeverClosedStopsTheBatchAtItsLine() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n+31612345601,Ada,ABC\n+31612345602,\"Bob,ABC\n+31612345603,Cy,ABC\n");
    Result r = send(f);
    assertEquals(
        f
            + ":3: error[recipients]: row 3 cannot be read: a quoted field is never closed; the"
            + " rest of the file is not read\n"
            + "batch hello: 2 rows in "
            + f
            + " (the rest of the file could not be read)\n"
            + summary(f, "2 rows", "            1", 0, 0, 0, 1, 0).split("\n", 2)[1],
        r.err());
    assertEquals(1, r.exit());
    assertEquals(List.of("+31612345601 Hi Ada, your code is ABC."), texts(cli.bird().received()));
  }

  @Test
  void jsonLinesBatch() throws IOException {
    Path f =
        cli.file(
            "r.jsonl",
            "{\"to\":\"+31612345601\",\"name\":\"Ada\",\"code\":\"ABC\"}\n"
                + "\n"
                + "{\"to\":\"+31612345603\",\"name\":\n"
                + "{\"to\":\"+31612345604\",\"name\":[\"x\"],\"code\":\"ABC\"}\n"
                + "{\"to\":\"+31612345605\",\"name\":7,\"code\":\"DEF\"}\n"
                + "{\"contactId\":\"not-a-uuid\",\"name\":\"Eve\",\"code\":\"GHI\"}\n");
    Result r = send(f, "--concurrency", "1");
    String d = f.toString();
    assertEquals(
        d
            + ":3: error[recipients]: row 3 is not valid JSON at column 29: Unexpected"
            + " end-of-input within/between Object entries\n"
            + d
            + ":4: error[recipients]: row 4 `name` is a list; values are strings, numbers or"
            + " booleans\n"
            + d
            + ":6: error[recipients]: row 6, column contactId: \"not-a-uuid\" is not a UUID\n"
            + summary(f, "5 rows", "2", 0, 0, 0, 3, 0),
        r.err());
    assertEquals(1, r.exit());
    assertEquals(
        List.of("+31612345601 Hi Ada, your code is ABC.", "+31612345605 Hi 7, your code is DEF."),
        texts(cli.bird().received()));
  }

  // ---------------------------------------------------------------------------------------------
  // Flags

  @Test
  void failFastStopsAtTheFirstBadRow() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n"
                + "+31612345601,Ada,ABC\n"
                + "31612345602,Bob,ABC\n"
                + "+31612345603,Cy,ABC\n"
                + "+31612345604,Dan,abc\n");
    Result r = send(f, "--fail-fast");
    assertEquals(
        f
            + ":3: error[recipients]: row 3, column to: \"31612345602\" has no leading + and"
            + " country code; write it in E.164 form, e.g. +31612345678\n"
            + summary(f, "2 rows", "            1", 0, 0, 0, 1, 0)
                .replace(
                    "2 rows in " + f,
                    "2 rows in " + f + " (stopped at the first problem: --fail-fast)"),
        r.err());
    assertEquals(1, r.exit());
    assertEquals(List.of("+31612345601 Hi Ada, your code is ABC."), texts(cli.bird().received()));
  }

  @Test
  void allowDuplicatesSendsBoth() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n+31612345601,Dup,DEF\n");
    Result r = send(f, "--allow-duplicates", "--concurrency", "1");
    assertEquals(new Result(0, "", summary(f, "2 rows", "            2", 0, 0, 0, 0, 0)), r);
    assertEquals(
        List.of("+31612345601 Hi Ada, your code is ABC.", "+31612345601 Hi Dup, your code is DEF."),
        texts(cli.bird().received()));
    assertEquals(2, BatchSendTest.references(cli.bird().received()).size(), "two references");
  }

  @Test
  void allowDuplicatesKeysRowsByOccurrenceSoAnInsertedRowResendsNothing() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n+31612345601,Dup,DEF\n");
    assertEquals(0, send(f, "--allow-duplicates").exit());
    // A new row at the top moves every line; the rows already sent keep their keys.
    cli.file(
        "r.csv",
        "to,name,code\n+31612345609,New,GHI\n+31612345601,Ada,ABC\n+31612345601,Dup,DEF\n");
    Result again = send(f, "--allow-duplicates");
    assertEquals(
        new Result(
            0, "", summary(f, "3 rows", "            3   (1 now, 2 earlier)", 0, 0, 0, 0, 0)),
        again);
    assertEquals(3, cli.bird().received().size());
  }

  @Test
  void aRowAcceptedEarlierWithOtherValuesIsNotSentAndNotCountedAccepted() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    assertEquals(0, send(f).exit());
    // The next day's export at the same path: Ada has a new code, Bob is new.
    cli.file("r.csv", "to,name,code\n+31612345601,Ada,XYZ\n+31612345602,Bob,DEF\n");
    Result r = send(f);
    assertEquals(
        new Result(
            1,
            "",
            f
                + ":2: error[changed]: row 2 (+31612345601) was accepted earlier with other"
                + " values (reference chirp:hello:b4bae467:ad903a7ec84ebe60); it is not sent"
                + " again. To send the new values, start a new batch with --journal NEW_PATH\n"
                + summary(f, "2 rows", "            1", 0, 0, 0, 0, 0)
                    .replace(
                        "  invalid rows",
                        "  changed               1   (accepted earlier with other values; not"
                            + " sent again)\n  invalid rows")),
        r);
    assertEquals(
        List.of("+31612345601 Hi Ada, your code is ABC.", "+31612345602 Hi Bob, your code is DEF."),
        texts(cli.bird().received()));
    // The same file again: nothing changed since, nothing sent.
    cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n+31612345602,Bob,DEF\n");
    assertEquals(0, send(f).exit());
    assertEquals(2, cli.bird().received().size());
  }

  @Test
  void aRefusedKeyStopsTheBatchInsteadOfRefusingEveryRow() throws IOException {
    Path f = cli.file("r.csv", BatchSendTest.numbered(200, "ABC"));
    cli.env().put("BIRD_ACCESS_KEY", "sk_test_another_key");
    Result r = send(f, "--concurrency", "2");
    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.err()
            .contains(
                "chirp: stopping the batch: Bird answered HTTP 401 (the access key was refused:"
                    + " check BIRD_ACCESS_KEY or --access-key-file), which every row would get;"
                    + " rows not sent yet are sent by the same command once that is fixed\n"),
        r.err());
    assertTrue(r.err().contains("batch hello: "), r.err());
    assertTrue(r.err().contains(" (stopped: every further row would fail)\n"), r.err());
    assertTrue(cli.bird().received().size() <= 8, cli.bird().received().size() + " requests");
  }

  @Test
  void birdUnreachableForRowAfterRowStopsTheBatch() throws IOException {
    Path f = cli.file("r.csv", BatchSendTest.numbered(100, "ABC"));
    List<String> args = new ArrayList<>(List.of("send", SPEC, "--recipients", f.toString()));
    args.addAll(ChirpCli.connection("http://127.0.0.1:9"));
    Result r =
        cli.run(ChirpCli.append(args, "--journal", cli.journal().toString(), "--concurrency", "1"));
    assertEquals(1, r.exit(), r.err());
    List<String> failed = r.err().lines().filter(l -> l.contains("): failed: ")).toList();
    assertEquals(10, failed.size(), r.err());
    assertTrue(
        r.err()
            .contains(
                "chirp: stopping the batch: 10 rows in a row failed (the last: could not connect"
                    + " to 127.0.0.1:9"),
        r.err());
    assertEquals(
        "unfinished",
        cli.run("report", "--summary", cli.journal().toString())
            .out()
            .lines()
            .reduce((x, y) -> y)
            .orElse("")
            .strip()
            .split(":")[0]);
  }

  @Test
  void theDefaultJournalLivesBesideTheRecipientsFile() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    List<String> args = new ArrayList<>(List.of("send", SPEC, "--recipients", f.toString()));
    args.addAll(cli.connection());
    assertEquals(0, cli.run(args.toArray(String[]::new)).exit());
    List<Path> journals;
    try (var l = Files.list(cli.dir().resolve(".chirp").resolve("journals"))) {
      journals = l.filter(p -> p.toString().endsWith(".sqlite")).toList();
    }
    assertEquals(1, journals.size(), journals.toString());
    assertTrue(journals.get(0).getFileName().toString().matches("hello-[0-9a-f]{8}\\.sqlite"));
    Result again = cli.run(args.toArray(String[]::new));
    assertTrue(again.err().contains("(0 now, 1 earlier)"), again.err());
    assertTrue(again.err().contains("journal: " + journals.get(0) + "  "), again.err());
    assertEquals(1, cli.bird().received().size());
  }

  @Test
  void aChangedPartialIsAChangedSpecForTheJournal() throws IOException {
    Files.createDirectories(cli.dir().resolve("partials"));
    Path partial = cli.file("partials/signoff.mustache", "Team Nordwind");
    Path spec =
        cli.file(
            "hello.yaml",
            Files.readString(Path.of(SPEC))
                .replace("your code is {{code}}.", "your code is {{code}}. {{> signoff}}"));
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    assertEquals(0, send(spec.toString(), f).exit());
    Files.writeString(partial, "Team Nordwind -- 50% off today");
    Path g = cli.file("r2.csv", "to,name,code\n+31612345601,Ada,ABC\n+31612345602,Bob,DEF\n");
    Files.move(g, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Result r = send(spec.toString(), f);
    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err().startsWith("chirp: the spec (or a partial it includes) changed since the batch"),
        r.err());
    assertEquals(
        List.of("+31612345601 Hi Ada, your code is ABC. Team Nordwind"),
        texts(cli.bird().received()));
  }

  @Test
  void dryRunPrintsOneLinePerValidRowSendsNothingAndWritesNoJournal() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n"
                + "+31612345601,Ada,ABC\n"
                + "+31612345602,Bob,DEF\n"
                + "+31612345603,Cy,GHI\n"
                + "+31612345604,Dan,bad\n");
    Result r = send(f, "--dry-run");
    String head =
        "{\"method\":\"POST\",\"url\":\""
            + cli.bird().url()
            + "/workspaces/"
            + FakeBird.WORKSPACE
            + "/channels/"
            + FakeBird.CHANNEL
            + "/messages\",\"headers\":{\"Authorization\":\"AccessKey ****\","
            + "\"Content-Type\":\"application/json\",\"Accept\":\"application/json\","
            + "\"User-Agent\":\"chirp/0.1.0 (+https://github.com/chirp-dev/chirp)\"},"
            + "\"body\":{\"receiver\":{\"contacts\":[{\"identifierKey\":\"phonenumber\","
            + "\"identifierValue\":\"";
    assertEquals(
        head
            + "+31612345601\"}]},\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Hi Ada, your"
            + " code is ABC.\"}},\"reference\":\"chirp:hello:b4bae467:ad903a7ec84ebe60\"}}\n"
            + head
            + "+31612345602\"}]},\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Hi Bob, your"
            + " code is DEF.\"}},\"reference\":\"chirp:hello:b4bae467:e58a294e2172df5e\"}}\n"
            + head
            + "+31612345603\"}]},\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Hi Cy, your"
            + " code is GHI.\"}},\"reference\":\"chirp:hello:b4bae467:63794fbda3adb86e\"}}\n",
        r.out());
    assertEquals(
        f
            + ":5: error[var-value]: row 5, column code: `code` = \"bad\" does not match"
            + " ^[A-Z]{3}$\n"
            + "batch hello: 4 rows in "
            + f
            + "\n"
            + "  dry run               3   (requests printed, none sent)\n"
            + "  invalid rows          1\n"
            + "  duplicates            0\n",
        r.err());
    assertEquals(1, r.exit());
    assertEquals(List.of(), cli.bird().received());
    assertFalse(Files.exists(cli.journal()), "--dry-run writes no journal");
  }

  /** A batch answer as Bird gives it, with ids 00000000-0000-4000-8000-00000000NNNN from first. */
  static String batchAnswer(int first, int count, int rejectedIndex) {
    StringBuilder b = new StringBuilder("{\"batchId\":\"11111111-2222-4333-8444-555555555555\",");
    b.append("\"messages\":[");
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id(first + i)).append('"');
      if (i == rejectedIndex) {
        b.append(
            ",\"status\":\"rejected\",\"failure\":{\"code\":422,\"description\":\"Request failed"
                + " validation\",\"details\":{\"body.text.text\":[\"must not be empty\"]}}}");
      } else {
        b.append(",\"status\":\"accepted\"}");
      }
    }
    return b.append("]}").toString();
  }

  static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  @Test
  void batchApiSendsGroupsOfAHundredAndJournalsBirdsMessageIds() throws IOException {
    Path f = cli.file("r.csv", BatchSendTest.numbered(250, "ABC"));
    cli.bird()
        .enqueue(
            FakeBird.Fault.body(202, "application/json", batchAnswer(1, 100, -1)),
            FakeBird.Fault.body(202, "application/json", batchAnswer(101, 100, -1)),
            FakeBird.Fault.body(202, "application/json", batchAnswer(201, 50, -1)));
    Result r = send(f, "--batch-api", "--concurrency", "1");
    assertEquals(new Result(0, "", summary(f, "250 rows", "          250", 0, 0, 0, 0, 0)), r);
    List<FakeBird.Received> got = cli.bird().received();
    assertEquals(
        List.of(100, 100, 50),
        got.stream()
            .map(x -> x.bodyText().split("\"reference\"", -1).length - 1)
            .collect(Collectors.toList()));
    for (FakeBird.Received x : got) {
      assertEquals(
          "/workspaces/" + FakeBird.WORKSPACE + "/channels/" + FakeBird.CHANNEL + "/batch/messages",
          x.path());
      assertTrue(x.bodyText().startsWith("{\"messageRequests\":[{\"receiver\""), x.bodyText());
    }
    // The rows of the k-th request got the ids of the k-th answer, in order.
    Map<String, String> expectedIds = new LinkedHashMap<>();
    int n = 1;
    for (FakeBird.Received x : got) {
      Matcher m = BatchSendTest.REF.matcher(x.bodyText());
      while (m.find()) {
        expectedIds.put(m.group(1), id(n++));
      }
    }
    assertEquals(250, expectedIds.size());
    Map<String, String> journalIds = new LinkedHashMap<>();
    for (Journal.Entry e : entries()) {
      assertEquals(Journal.State.ACCEPTED, e.state(), e.toString());
      journalIds.put(e.reference(), e.messageId());
    }
    assertEquals(expectedIds, journalIds);
    assertEquals(id(1), entries().get(0).messageId(), "line 2 is the first row of the first group");
  }

  @Test
  void batchItemsNotClearlyAcceptedAreNotCountedAsAccepted() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n+31612345601,Ada,ABC\n+31612345602,Bob,ABC\n+31612345603,Cy,ABC\n");
    cli.bird()
        .enqueue(
            FakeBird.Fault.body(
                202,
                "application/json",
                "{\"batchId\":\"b-1\",\"messages\":[{\"id\":\"m1\",\"status\":\"accepted\"},"
                    + "{\"id\":\"m2\",\"status\":\"failed\"},{\"id\":\"m3\",\"status\":\"odd\"}]}"));
    Result r = send(f, "--batch-api");
    assertEquals(1, r.exit(), r.err());
    assertEquals(
        List.of(
            "2 ACCEPTED m1 null",
            "3 REJECTED null failed in the batch",
            "4 UNKNOWN null Bird's batch answer gives this row the status \"odd\", not accepted"),
        entries().stream()
            .filter(e -> e.state() != Journal.State.SENDING)
            .map(e -> e.line() + " " + e.state() + " " + e.messageId() + " " + e.detail())
            .sorted()
            .toList());
    Files.delete(cli.journal());
    // One item for three rows, none with a reference: no row can be told apart.
    cli.bird()
        .enqueue(
            FakeBird.Fault.body(
                202,
                "application/json",
                "{\"batchId\":\"b-2\",\"messages\":[{\"id\":\"m1\",\"status\":\"accepted\"}]}"));
    Result unmatched = send(f, "--batch-api");
    assertEquals(3, unmatched.exit(), unmatched.err());
    assertEquals(
        List.of(Journal.State.UNKNOWN),
        entries().stream()
            .map(Journal.Entry::state)
            .filter(s -> s != Journal.State.SENDING)
            .distinct()
            .toList());
  }

  @Test
  void batchApiAgainstFakeBirdsOwnAnswers() throws IOException {
    Path f = cli.file("r.csv", BatchSendTest.numbered(250, "ABC"));
    Result r = send(f, "--batch-api");
    assertEquals(0, r.exit(), r.err());
    assertEquals(3, cli.bird().accepted().size());
    List<Journal.Entry> rows = entries();
    assertEquals(250, rows.size());
    assertEquals(
        250,
        rows.stream()
            .filter(e -> e.state() == Journal.State.ACCEPTED)
            .map(Journal.Entry::messageId)
            .filter(id -> id != null && id.matches("[0-9a-f-]{36}"))
            .distinct()
            .count());
  }

  @Test
  void aRowBirdRejectsInsideABatchIsJournaledRejected() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n+31612345601,Ada,ABC\n+31612345602,Bob,DEF\n+31612345603,Cy,GHI\n");
    cli.bird().enqueue(FakeBird.Fault.body(202, "application/json", batchAnswer(1, 3, 1)));
    Result r = send(f, "--batch-api", "--report", cli.dir().resolve("rep.jsonl").toString());
    assertEquals(
        "row 3 (+31612345602): refused by Bird: HTTP 422: Request failed validation\n"
            + summary(f, "3 rows", "            2", 1, 0, 0, 0, 0)
                .replace("  failed ", "    by code: HTTP 422 ×1\n  failed ")
                .replaceFirst(
                    "(  rejected +1\n)(    by code: HTTP 422 ×1\n)(  failed +0\n)", "$1$3$2"),
        r.err());
    assertEquals(1, r.exit());
    assertEquals(
        "{\"line\":2,\"receiver\":\"+31612345601\",\"outcome\":\"accepted\",\"reference\":"
            + "\"chirp:hello:b4bae467:ad903a7ec84ebe60\",\"messageId\":\""
            + id(1)
            + "\",\"status\":\"accepted\",\"attempts\":1}\n"
            + "{\"line\":3,\"receiver\":\"+31612345602\",\"outcome\":\"rejected\",\"reference\":"
            + "\"chirp:hello:b4bae467:e58a294e2172df5e\",\"httpStatus\":422,\"detail\":"
            + "\"Request failed validation\",\"attempts\":1}\n"
            + "{\"line\":4,\"receiver\":\"+31612345603\",\"outcome\":\"accepted\",\"reference\":"
            + "\"chirp:hello:b4bae467:63794fbda3adb86e\",\"messageId\":\""
            + id(3)
            + "\",\"status\":\"accepted\",\"attempts\":1}\n",
        Files.readString(cli.dir().resolve("rep.jsonl")));
  }

  @Test
  void aBatchAnswerEchoingTheKeyIsScrubbedInTheReport() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n+31612345602,Bob,DEF\n");
    String k = ChirpCli.KEY;
    cli.bird()
        .enqueue(
            FakeBird.Fault.body(
                202,
                "application/json",
                "{\"messages\":[{\"id\":\"id-"
                    + k
                    + "\",\"status\":\"accepted\"},{\"status\":\"rejected\",\"failure\":"
                    + "{\"code\":\"bad "
                    + k
                    + "\",\"description\":\"header AccessKey "
                    + k
                    + "\"}}]}"));
    Result r = send(f, "--batch-api", "--report", cli.dir().resolve("rep.jsonl").toString());
    String report = Files.readString(cli.dir().resolve("rep.jsonl"));
    assertEquals(
        "{\"line\":2,\"receiver\":\"+31612345601\",\"outcome\":\"accepted\",\"reference\":"
            + "\"chirp:hello:b4bae467:ad903a7ec84ebe60\",\"messageId\":\"id-****\","
            + "\"status\":\"accepted\",\"attempts\":1}\n"
            + "{\"line\":3,\"receiver\":\"+31612345602\",\"outcome\":\"rejected\",\"reference\":"
            + "\"chirp:hello:b4bae467:e58a294e2172df5e\",\"httpStatus\":422,\"code\":\"bad ****\","
            + "\"detail\":\"header AccessKey ****\",\"attempts\":1}\n",
        report);
    assertFalse(r.err().contains(k), r.err());
  }

  @Test
  void resumeWithoutAJournalIsAUsageError() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --resume: no journal at "
                + cli.journal()
                + " (give the same --journal as the first run)\n"),
        send(f, "--resume"));
    assertEquals(List.of(), cli.bird().received());
    assertFalse(Files.exists(cli.journal()));
  }

  @Test
  void resumeContinuesAndAChangedSpecIsRefused() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n+31612345601,Ada,ABC\n+31612345602,Bob,DEF\n+31612345603,Cy,GHI\n");
    Path spec = cli.dir().resolve("hello.yaml");
    Files.copy(Path.of(SPEC), spec);
    assertEquals(0, send(spec.toString(), f).exit());
    Result again = send(spec.toString(), f, "--resume");
    assertEquals(
        new Result(
            0, "", summary(f, "3 rows", "            3   (0 now, 3 earlier)", 0, 0, 0, 0, 0)),
        again);
    Files.writeString(spec, Files.readString(spec).replace("Hi {{name}}", "Hello {{name}}"));
    assertEquals(
        new Result(
            2,
            "",
            "chirp: the spec (or a partial it includes) changed since the batch in "
                + cli.journal()
                + " started, and 3 rows were already accepted with the old text. Put the old"
                + " text back to go on with this batch; a new batch (--journal NEW_PATH) sends"
                + " every row again, those included\n"),
        send(spec.toString(), f));
    assertEquals(3, cli.bird().received().size());
  }

  @Test
  void reportNeedsABatchThatSends() throws IOException {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    Path report = cli.dir().resolve("report.jsonl");
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --report writes the outcomes of sent rows, and a --dry-run sends none (its"
                + " output is the requests); drop --report or --dry-run\n"),
        send(f, "--dry-run", "--report", report.toString()));
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --report is for batches (--recipients FILE); a single send prints its"
                + " outcome\n"),
        cli.run("send", SPEC, "--to", "+31612345601", "--dry-run", "--report", report.toString()));
    assertEquals(0, cli.bird().received().size());
    assertFalse(Files.exists(report));
    Path nowhere = cli.dir().resolve("no-such-dir").resolve("report.jsonl");
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --report " + nowhere + ": no such directory " + nowhere.getParent() + "\n"),
        send(f, "--report", nowhere.toString()));
    assertEquals(0, cli.bird().received().size());
  }

  @Test
  void reportFileAndReportCommand() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n"
                + "+31612345601,Ada,ABC\n"
                + "31612345602,Bob,ABC\n"
                + "+31612345601,Dup,ABC\n"
                + "+31612345605,Eve,abc\n"
                + "+31612345606,Fay,DEF\n");
    Path report = cli.dir().resolve("report.jsonl");
    Result r = send(f, "--report", report.toString());
    assertEquals(1, r.exit(), r.err());
    String lines =
        "{\"line\":2,\"receiver\":\"+31612345601\",\"outcome\":\"accepted\",\"reference\":"
            + "\"chirp:hello:b4bae467:ad903a7ec84ebe60\",\"messageId\":\"ID\",\"status\":"
            + "\"accepted\",\"attempts\":1}\n"
            + "{\"line\":3,\"outcome\":\"invalid\",\"column\":\"to\",\"detail\":\"row 3, column"
            + " to: \\\"31612345602\\\" has no leading + and country code; write it in E.164"
            + " form, e.g. +31612345678\"}\n"
            + "{\"line\":4,\"receiver\":\"+31612345601\",\"outcome\":\"duplicate\",\"detail\":"
            + "\"duplicate of line 2\"}\n"
            + "{\"line\":5,\"receiver\":\"+31612345605\",\"outcome\":\"invalid\",\"detail\":"
            + "\"row 5, column code: `code` = \\\"abc\\\" does not match ^[A-Z]{3}$\"}\n"
            + "{\"line\":6,\"receiver\":\"+31612345606\",\"outcome\":\"accepted\",\"reference\":"
            + "\"chirp:hello:b4bae467:c77094438d59fe80\",\"messageId\":\"ID\",\"status\":"
            + "\"accepted\",\"attempts\":1}\n";
    assertEquals(lines, ids(Files.readString(report)));
    String summary =
        "batch hello ("
            + f.toAbsolutePath()
            + ")\n"
            + "  accepted              2\n"
            + "  rejected              0\n"
            + "  failed                0\n"
            + "  unknown               0\n"
            + "  invalid rows          2\n"
            + "  duplicates            1\n";
    Result rep = cli.run("report", cli.journal().toString());
    assertEquals(
        new Result(0, summary + lines, ""), new Result(rep.exit(), ids(rep.out()), rep.err()));
    Result counts = cli.run("report", "--summary", cli.journal().toString());
    assertEquals(summary, counts.out());
    assertEquals(
        new Result(2, "", "chirp: no journal at " + cli.dir().resolve("none.sqlite") + "\n"),
        cli.run("report", cli.dir().resolve("none.sqlite").toString()));
  }

  @Test
  void theReportCountsRowsLeftSendingAsUnknownLikeTheSendSummary() throws Exception {
    try (Journal j = Journal.open(cli.journal())) {
      j.setFact("specId", "hello");
      j.add(Journal.Entry.sending("chirp:hello:00000000:0000000000000001", 2, "+31612345601"));
      j.add(
          Journal.Entry.unknown(
              "chirp:hello:00000000:0000000000000002",
              3,
              "+31612345602",
              "no answer within 30 s after sending",
              1));
    }
    assertEquals(
        new Result(
            0,
            "batch hello (?)\n"
                + "  accepted              0\n"
                + "  rejected              0\n"
                + "  failed                0\n"
                + "  unknown               2\n"
                + "  invalid rows          0\n"
                + "  duplicates            0\n",
            ""),
        cli.run("report", "--summary", cli.journal().toString()));
  }

  @Test
  void aJournalThatCannotBeCreatedIsAUsageErrorBeforeAnySend() throws Exception {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    Path inTheWay = cli.file("notes.txt", "x");
    Path journal = inTheWay.resolve("j.sqlite");
    assertEquals(
        new Result(
            2,
            "",
            "chirp: cannot create the journal "
                + journal
                + ": "
                + inTheWay
                + " is a file, not a folder; nothing was sent\n"),
        cli.batch(SPEC, f, journal));
    assertEquals(0, cli.bird().received().size());
  }

  @Test
  void aJournalInUseByAnotherBatchIsRefusedBeforeAnySend() throws Exception {
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    try (Journal other = Journal.open(cli.journal())) {
      assertEquals(
          new Result(
              2,
              "",
              "chirp: the journal "
                  + cli.journal()
                  + " is in use by another chirp (pid "
                  + ProcessHandle.current().pid()
                  + "); two batches on one journal would send the same rows. Wait for it to end,"
                  + " or stop it\n"),
          send(f));
      assertEquals(0, cli.bird().received().size());
      // A report reads it meanwhile.
      assertEquals(0, cli.run("report", cli.journal().toString()).exit());
    }
    assertEquals(0, send(f).exit()); // released on close
    assertEquals(1, cli.bird().received().size());
  }

  @Test
  void aFileThatIsNotAJournalIsRefusedAndLeftAsItIs() throws Exception {
    Path text = cli.file("notes.md", "# notes\n");
    assertEquals(
        new Result(
            2,
            "",
            "chirp: "
                + text
                + " is not a chirp journal (not an SQLite database); give the journal a batch send"
                + " wrote\n"),
        cli.run("report", text.toString()));
    assertEquals("# notes\n", Files.readString(text));

    Path other = cli.journal(); // another program's database where the batch's journal would go
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other.toAbsolutePath());
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE people (name TEXT)");
    }
    byte[] before = Files.readAllBytes(other);
    assertEquals(
        new Result(
            2,
            "",
            "chirp: "
                + other
                + " is not a chirp journal (an SQLite database without chirp's tables); give the"
                + " journal a batch send wrote\n"),
        cli.run("report", other.toString()));
    Path rows = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    assertEquals(
        new Result(
            2,
            "",
            "chirp: "
                + other
                + " is not a chirp journal (an SQLite database without chirp's tables); give"
                + " --journal a new path or a batch's journal\n"),
        send(rows));
    assertEquals(0, cli.bird().received().size());
    assertArrayEquals(before, Files.readAllBytes(other));
  }

  // ---------------------------------------------------------------------------------------------
  // Unknown outcomes

  @Test
  void anUnknownRowIsNamedByTheReferenceBirdHas() throws IOException {
    Path spec =
        cli.file(
            "hello.yaml",
            Files.readString(Path.of(SPEC))
                .replace("message:", "reference: \"order-{{code}}\"\nmessage:"));
    Path f = cli.file("r.csv", "to,name,code\n+31612345601,Ada,ABC\n");
    cli.bird().enqueue(FakeBird.Fault.resetAfterProcessing());
    assertEquals(SendCommand.UNKNOWN, send(spec.toString(), f).exit());
    Result again = send(spec.toString(), f);
    assertEquals(
        f
            + ":2: warning[unknown]: row 2 (+31612345601) may already have been sent (reference"
            + " order-ABC); skipped: --resend-unknown looks it up at Bird and sends it only if"
            + " Bird does not have it",
        again.err().lines().findFirst().orElse(""));
    assertEquals(1, cli.bird().received().size());
  }

  @Test
  void anUnknownOutcomeIsHeldBackUntilResendUnknown() throws IOException {
    Path f =
        cli.file(
            "r.csv",
            "to,name,code\n+31612345601,Ada,ABC\n+31612345602,Bob,DEF\n+31612345603,Cy,GHI\n");
    // Row 2's connection is cut after its request was read but before Bird processed it.
    cli.bird().enqueue(FakeBird.Fault.reset());
    Result first = send(f, "--concurrency", "1");
    assertEquals(
        "row 2 (+31612345601): outcome unknown: the connection failed after sending"
            + " (IOException: Connection reset); not resent\n"
            + summary(f, "3 rows", "            2", 0, 0, 1, 0, 0),
        first.err());
    assertEquals(SendCommand.UNKNOWN, first.exit());
    assertEquals(3, cli.bird().received().size());

    Result again = send(f);
    assertEquals(
        f
            + ":2: warning[unknown]: row 2 (+31612345601) may already have been sent (reference"
            + " chirp:hello:b4bae467:ad903a7ec84ebe60); skipped: --resend-unknown looks it up at"
            + " Bird and sends it only if Bird does not have it\n"
            + summary(f, "3 rows", "            2   (0 now, 2 earlier)", 0, 0, 1, 0, 0),
        again.err());
    assertEquals(SendCommand.UNKNOWN, again.exit());
    assertEquals(3, cli.bird().received().size(), "a plain re-run does not resend an unknown row");

    Result resend = send(f, "--resend-unknown");
    assertEquals(
        new Result(
            0,
            "",
            "reconciled 1 unknown row: 0 found at Bird (recorded as accepted, never sent"
                + " again), 1 not found (send --resend-unknown sends them again)\n"
                + summary(f, "3 rows", "            3   (1 now, 2 earlier)", 0, 0, 0, 0, 0)),
        resend);
    // Looked up first and not found (Bird never processed it): sent again, and Bird has each
    // row once.
    assertEquals(
        List.of(
            "+31612345602 Hi Bob, your code is DEF.",
            "+31612345603 Hi Cy, your code is GHI.",
            "+31612345601 Hi Ada, your code is ABC."),
        texts(cli.bird().accepted()));
  }
}
