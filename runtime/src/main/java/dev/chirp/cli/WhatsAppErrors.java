package dev.chirp.cli;

import java.util.Map;
import java.util.Optional;

/**
 * WhatsApp's error codes that a failed message's {@code failure.source.code} carries, in plain
 * words with what to do. From Meta's error code reference
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes),
 * as shared/reference/whatsapp-limits.md cites it; a code not listed is shown as Bird reports it.
 */
final class WhatsAppErrors {
  private WhatsAppErrors() {}

  /** What a code means and what to do about it. */
  record Meaning(String reason, String fix) {}

  private static final Map<String, Meaning> CODES =
      Map.ofEntries(
          Map.entry(
              "131047",
              new Meaning(
                  "more than 24 hours since the customer last wrote: outside the customer service"
                      + " window",
                  "send a template message (chirp window --to NUMBER tells when a window is"
                      + " open)")),
          Map.entry(
              "131026",
              new Meaning(
                  "the number cannot receive it: not a WhatsApp user, an old app, or terms not"
                      + " accepted",
                  "check the number; reach the customer another way")),
          Map.entry(
              "131049",
              new Meaning(
                  "WhatsApp held back a marketing message to keep engagement healthy",
                  "send it later, and fewer marketing messages to this person")),
          Map.entry(
              "131048",
              new Meaning(
                  "spam rate limit: too many messages from this number were blocked or reported",
                  "check the messages' quality in WhatsApp Manager, then send less")),
          Map.entry(
              "131056",
              new Meaning(
                  "too many messages to this person in a short time (pair rate limit)",
                  "wait before sending to this person again")),
          Map.entry(
              "131051",
              new Meaning("the message type is not supported", "send a supported message type")),
          Map.entry(
              "131053",
              new Meaning(
                  "the media could not be uploaded: its type is not supported or it is too large",
                  "check the media URL's content type and size (chirp check)")),
          Map.entry(
              "131042",
              new Meaning(
                  "a problem with the business account's payment method",
                  "fix the payment method in WhatsApp Manager")),
          Map.entry(
              "131031",
              new Meaning(
                  "the business account is locked or restricted",
                  "check the account's status in WhatsApp Manager")),
          Map.entry(
              "131021",
              new Meaning("sender and receiver are the same number", "send to another number")),
          Map.entry(
              "131000", new Meaning("something went wrong at WhatsApp", "send it again later")),
          Map.entry(
              "132000",
              new Meaning(
                  "the template's parameters do not match its definition",
                  "run chirp templates pull, then chirp check")),
          Map.entry(
              "132001",
              new Meaning(
                  "the template does not exist in this language or is not approved",
                  "check the template's locale and approval in Bird Studio")),
          Map.entry(
              "132015",
              new Meaning(
                  "the template is paused for low quality", "edit the template, or send another")),
          Map.entry("132016", new Meaning("the template is disabled", "send another template")),
          Map.entry(
              "130472",
              new Meaning(
                  "the person is in a Meta experiment that holds back marketing messages",
                  "nothing to do")));

  static Optional<Meaning> of(String code) {
    return Optional.ofNullable(code == null ? null : CODES.get(code));
  }
}
