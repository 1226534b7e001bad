package dev.chirp.vars;

import dev.chirp.diag.Span;

/**
 * One value given for a variable, with where it came from: an example in a spec, a vars file, a
 * recipients row or the command line. {@code label} says how to find it ("--var orderId", "column
 * orderId").
 */
public record Binding(String name, Object value, String file, Span span, String label) {}
