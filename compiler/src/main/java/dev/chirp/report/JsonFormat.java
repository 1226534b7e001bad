package dev.chirp.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;

/** A JSON document: every diagnostic with its full span, and the counts. */
final class JsonFormat {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFormat() {}

  static String render(Report report) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("diagnostics");
    for (Diagnostic d : report.diagnostics()) {
      ObjectNode o = list.addObject();
      o.put("file", d.file());
      o.put("line", d.span().line());
      o.put("column", d.span().column());
      o.put("endLine", d.span().endLine());
      o.put("endColumn", d.span().endColumn());
      o.put("severity", d.severity().word());
      o.put("code", d.code().id());
      o.put("message", d.message());
      ArrayNode notes = o.putArray("notes");
      d.notes().forEach(notes::add);
      if (d.fix() != null) {
        o.put("fix", d.fix());
      }
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("files", report.sources().size());
    summary.put("errors", report.count(Severity.ERROR));
    summary.put("warnings", report.count(Severity.WARNING));
    summary.put("infos", report.count(Severity.INFO));
    return write(root);
  }

  static String write(Object node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
