package dev.chirp.rules;

import static dev.chirp.rules.Findings.clip;

import dev.chirp.diag.Code;
import dev.chirp.spec.Template;
import dev.chirp.spec.Text;
import dev.chirp.text.Uuids;
import java.math.BigDecimal;

/** A template message: its project and version ids, and each parameter's value for its type. */
final class TemplateRules {
  private TemplateRules() {}

  static void check(Findings f, Template t) {
    if (!t.projectId().templated() && !Uuids.isUuid(t.projectId().value())) {
      f.add(
          Code.TEMPLATE_ID,
          t.projectId().span(),
          "projectId \"" + clip(t.projectId().value()) + "\" is not a UUID");
    }
    String version = t.version().value();
    if (!t.version().templated() && !version.equals("latest") && !Uuids.isUuid(version)) {
      f.add(
          Code.TEMPLATE_ID,
          t.version().span(),
          "version \"" + clip(version) + "\" is neither `latest` nor a UUID");
    }
    for (Template.Parameter p : t.parameters()) {
      if (!p.value().templated()) {
        parameter(f, p);
      }
    }
  }

  private static void parameter(Findings f, Template.Parameter p) {
    Text v = p.value();
    String s = v.value();
    switch (p.type()) {
      case "number" -> {
        try {
          new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
          f.add(
              Code.TEMPLATE_PARAMETER_VALUE,
              v.span(),
              "parameter `"
                  + p.key()
                  + "` is a number parameter but its value is \""
                  + clip(s)
                  + "\"");
        }
      }
      case "boolean" -> {
        if (!s.trim().equals("true") && !s.trim().equals("false")) {
          f.add(
              Code.TEMPLATE_PARAMETER_VALUE,
              v.span(),
              "parameter `"
                  + p.key()
                  + "` is a boolean parameter but its value is \""
                  + clip(s)
                  + "\"");
        }
      }
      default -> {
        if (s.isEmpty()) {
          f.add(
              Code.TEMPLATE_PARAMETER_VALUE,
              v.span(),
              "parameter `" + p.key() + "` is empty; WhatsApp rejects empty parameters");
        } else if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\t') >= 0) {
          f.add(
              Code.TEMPLATE_PARAMETER_VALUE,
              v.span(),
              "parameter `"
                  + p.key()
                  + "` contains a "
                  + (s.indexOf('\t') >= 0 ? "tab" : "line break")
                  + "; WhatsApp rejects them in parameter values");
        } else if (s.contains("     ")) {
          f.add(
              Code.TEMPLATE_PARAMETER_VALUE,
              v.span(),
              "parameter `" + p.key() + "` has more than 4 spaces in a row; WhatsApp rejects that");
        }
      }
    }
  }
}
