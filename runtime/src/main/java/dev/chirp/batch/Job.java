package dev.chirp.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A row ready to send: where it came from, its reference and its request body. */
record Job(
    int line,
    String receiver,
    String reference,
    byte[] body,
    ObjectNode payload,
    String bodyHash) {}
