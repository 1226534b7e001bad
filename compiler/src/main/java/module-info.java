/**
 * The chirp compiler library: reads, checks and resolves message specs into Bird payloads. It
 * starts no thread and writes no file. Every package but {@code render} (Mustache without HTML
 * escaping, used by {@code Compiler} alone) is exported: the runtime uses them all.
 */
module dev.chirp.compiler {
  // Payloads are Jackson ObjectNodes in the API, so a reader of this module reads Jackson too.
  requires transitive com.fasterxml.jackson.databind;
  requires com.github.mustachejava;
  requires com.google.i18n.phonenumbers.libphonenumber;
  requires com.networknt.schema;
  requires io.github.javadiffutils;
  requires java.xml;
  requires org.snakeyaml.engine;

  exports dev.chirp;
  exports dev.chirp.catalog;
  exports dev.chirp.diag;
  exports dev.chirp.diff;
  exports dev.chirp.emit;
  exports dev.chirp.preview;
  exports dev.chirp.report;
  exports dev.chirp.rules;
  exports dev.chirp.schema;
  exports dev.chirp.spec;
  exports dev.chirp.text;
  exports dev.chirp.vars;
  exports dev.chirp.yaml;
}
