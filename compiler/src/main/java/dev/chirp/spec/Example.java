package dev.chirp.spec;

import dev.chirp.diag.Span;
import java.util.Map;

/** A named set of variable values carried by a spec; {@code values} maps name to value. */
public record Example(
    String name, Map<String, Object> values, Map<String, Span> spans, String to, Span span) {}
