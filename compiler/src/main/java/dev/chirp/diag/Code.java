package dev.chirp.diag;

import java.util.Locale;
import java.util.Optional;

/**
 * Every diagnostic code chirp emits, with its default severity and the text that {@code chirp
 * explain CODE} prints. Codes are stable: scripts and suppressions refer to them.
 */
public enum Code {
  // ---- reading files ----
  FILE_UNREADABLE(
      Severity.ERROR,
      "the file cannot be read",
      "chirp could not open or read the file (missing, a directory, or no permission). Check the"
          + " path and its permissions."),
  FILE_TOO_LARGE(
      Severity.ERROR,
      "the file is larger than the size cap",
      "A spec file may be at most 1 MiB (1,048,576 bytes). Larger files are refused before they"
          + " are parsed so that a stray or hostile file cannot exhaust memory. Split the catalog"
          + " into one spec per file."),
  FILE_EMPTY(
      Severity.ERROR,
      "the file is empty",
      "A spec file needs at least `chirp: 1`, an `id` and a `message` or `template`. Run"
          + " `chirp init` for a starting point, or delete the empty file."),
  FILE_ENCODING(
      Severity.ERROR,
      "the file is not valid UTF-8",
      "Spec files are UTF-8 (a byte order mark is accepted and ignored). The position points at"
          + " the first byte that is not valid UTF-8; re-save the file as UTF-8. A lone"
          + " surrogate written as an escape (`\"\\uD800\"`, half of a character) is refused too:"
          + " it has no UTF-8 form, so it could not be sent."),
  FILE_NUL(
      Severity.ERROR,
      "the file contains a NUL byte",
      "A NUL byte (U+0000) is never valid in YAML and usually means a binary file or a UTF-16"
          + " file was given. Re-save the file as UTF-8 text."),
  // ---- YAML ----
  YAML_SYNTAX(
      Severity.ERROR,
      "the YAML cannot be parsed",
      "The file is not well-formed YAML 1.2. The position is where the parser gave up; the real"
          + " mistake is often just before it (an unclosed quote, a missing `:` or a wrong"
          + " indentation)."),
  YAML_TAB(
      Severity.ERROR,
      "a tab character is used for indentation",
      "YAML forbids tabs for indentation. Replace the tab with spaces (two per level is usual)."),
  YAML_DUPLICATE_KEY(
      Severity.ERROR,
      "a key appears twice in the same mapping",
      "YAML mappings need unique keys; most parsers silently keep the last value, which hides"
          + " mistakes. The diagnostic points at the second occurrence and names the line of the"
          + " first. Remove or rename one of them."),
  YAML_MULTI_DOCUMENT(
      Severity.ERROR,
      "the file holds more than one YAML document",
      "One file holds one spec. Move each document after a `---` separator into its own file"
          + " named after its id."),
  YAML_TAG(
      Severity.ERROR,
      "an explicit YAML tag is used",
      "Tags such as `!!java/object` or `!custom` are not allowed in spec files: they can change"
          + " how a value is read and have no meaning in a message. Remove the tag; quote the"
          + " value if it must stay a string."),
  YAML_ALIAS_LIMIT(
      Severity.ERROR,
      "too many aliases",
      "A spec may use at most 50 aliases (`*name`) and expand to at most 100,000 nodes. The cap"
          + " stops \"billion laughs\" files that expand to gigabytes. Write the values out or use"
          + " partials."),
  YAML_DEPTH(
      Severity.ERROR,
      "the YAML is nested too deeply",
      "A spec may nest mappings and sequences at most 64 levels deep. Deeper files are refused"
          + " before they can exhaust the stack."),
  YAML_KEY(
      Severity.ERROR,
      "a mapping key is not a plain string",
      "Keys in a spec are names: plain strings. A key that is a number, a boolean, null, a list"
          + " or a mapping, and the merge key `<<`, are not allowed. Quote the key or rename it."),
  YAML_NOT_MAPPING(
      Severity.ERROR,
      "the file's top level is not a mapping",
      "A spec file is a YAML mapping with keys such as `chirp`, `id` and `message`. The file holds"
          + " a list or a single value instead."),
  // ---- schema ----
  SCHEMA_UNKNOWN_KEY(
      Severity.ERROR,
      "a key the spec format does not know",
      "Spec files are strict: every key must be one the schema (`chirp schema`) defines, so a"
          + " typo cannot silently drop a field. A close known key is suggested when there is one."),
  SCHEMA_MISSING_KEY(
      Severity.ERROR,
      "a required key is missing",
      "The mapping lacks a key that the spec format requires. The message names the key; see"
          + " `chirp schema` or the README for what it holds."),
  SCHEMA_TYPE(
      Severity.ERROR,
      "a value has the wrong type",
      "The value is of a different type than the spec format expects, for example a list where"
          + " a string is needed. Quote numbers and booleans that must stay strings."),
  SCHEMA_VALUE(
      Severity.ERROR,
      "a value is outside what the spec format allows",
      "The value has the right type but breaks a constraint of the spec format: not one of the"
          + " allowed values, too short or too long, out of range, or not matching the required"
          + " pattern."),
  SCHEMA_CONFLICT(
      Severity.ERROR,
      "keys that cannot be used together",
      "A message is of exactly one kind, chosen by its kind key (`images`, `files`, `location`,"
          + " `list`, `cards`; none means a text message), and a spec has exactly one of"
          + " `message` or `template`. Remove the key that does not belong to the chosen kind."),
  // ---- batch sends: rows of a recipients file (printed by `chirp send --recipients`) ----
  RECIPIENTS(
      Severity.ERROR,
      "a row of the recipients file cannot be sent",
      "The row has no receiver, a `to` that is not an E.164 phone number, a `contactId` that is"
          + " not a UUID, or a different number of fields than the header (CSV), or is not one"
          + " JSON object (JSON Lines). The row is skipped and recorded as invalid in the journal;"
          + " fix it and run the same command again: rows already accepted are not resent."),
  DUPLICATE(
      Severity.WARNING,
      "a receiver appears again in the recipients file",
      "The same receiver on two rows would get the message twice, so the later row is skipped"
          + " and the line of the first is named. Remove the row, or give --allow-duplicates when"
          + " each row really is a message of its own."),
  CHANGED(
      Severity.ERROR,
      "a row was accepted earlier with other values",
      "The journal says this receiver's row was accepted by Bird in an earlier run of the batch,"
          + " but the request it would send now differs (the recipients file changed at the same"
          + " path, for example a daily export). It is not sent again, so nobody gets two"
          + " messages, and the batch exits 1. To send the new values, start a new batch with"
          + " --journal NEW_PATH (every row is sent again there)."),
  UNKNOWN(
      Severity.WARNING,
      "a row may already have been sent",
      "An earlier run of this batch sent the row's request but got no answer (a timeout or a"
          + " dropped connection), so Bird may have accepted it. It is not resent on its own: look"
          + " the reference up in Bird, then give --resend-unknown to send such rows again."),
  // ---- WhatsApp and Bird limits (rules) ----
  TEXT_TOO_LONG(
      Severity.ERROR,
      "a text message is longer than 4,096 characters",
      "WhatsApp caps a text message body at 4,096 characters (Meta, text messages). Lengths are"
          + " counted in UTF-16 code units: an emoji counts 2, a combining mark counts 1 on its"
          + " own. That is the strictest plausible count, since Meta does not say which it uses."),
  TEXT_EMPTY(
      Severity.ERROR,
      "a text is empty",
      "Bird requires message texts to be at least one character (`text.text` minLength 1). A"
          + " text that renders empty, for example because every variable in it is empty, is"
          + " refused."),
  BODY_TOO_LONG(
      Severity.ERROR,
      "an interactive message body is longer than 1,024 characters",
      "A message with buttons, a list, a carousel or a location request is an interactive"
          + " message; WhatsApp caps its body at 1,024 characters. For lists Meta's current guide"
          + " says 4,096 but its SDK and most providers say 1,024; chirp takes the stricter"
          + " 1,024 (see the limits table, disagreement 1)."),
  CAPTION_TOO_LONG(
      Severity.ERROR,
      "a media caption is longer than 1,024 characters",
      "WhatsApp caps image, video and document captions at 1,024 characters (Meta, media"
          + " messages)."),
  BUTTON_COUNT(
      Severity.ERROR,
      "more than 3 reply buttons",
      "WhatsApp shows at most 3 quick-reply buttons on a message (Meta, reply buttons). Reply and"
          + " postback actions both become such buttons. Use a list message for more choices."),
  BUTTON_MIX(
      Severity.ERROR,
      "actions that WhatsApp cannot show together",
      "A WhatsApp interactive message has one kind of button: up to 3 reply/postback buttons, or"
          + " exactly one link (call-to-action URL) button, or the one location-request button."
          + " Split the message, or keep one kind. A location request is text and its button"
          + " only, so it cannot go on an image or a file."),
  BUTTON_TITLE_TOO_LONG(
      Severity.ERROR,
      "a button title is longer than 20 characters",
      "WhatsApp caps reply-button titles, link-button labels and the list button label at 20"
          + " characters (Meta, reply buttons, CTA URL and list messages)."),
  BUTTON_TITLE_DUPLICATE(
      Severity.ERROR,
      "two buttons have the same title",
      "WhatsApp requires reply-button titles to be unique within a message (Meta, reply"
          + " buttons); otherwise the recipient cannot tell which was tapped."),
  BUTTON_ID_TOO_LONG(
      Severity.ERROR,
      "a button payload is longer than 256 characters",
      "WhatsApp caps a reply button's id, which Bird fills from the postback payload, at 256"
          + " characters (Meta, reply buttons)."),
  BUTTON_ID_DUPLICATE(
      Severity.ERROR,
      "two buttons have the same payload",
      "A postback's payload becomes the button's id, and WhatsApp requires button ids to be"
          + " unique within a message (Meta, reply buttons); with two alike, a tap cannot be told"
          + " apart. A postback without a payload is not concerned."),
  LIST_SECTION_COUNT(
      Severity.ERROR,
      "a list has more than 10 sections",
      "WhatsApp lists have 1 to 10 sections (Meta, list messages)."),
  LIST_ROW_COUNT(
      Severity.ERROR,
      "a list has more than 10 rows",
      "WhatsApp lists have at most 10 rows across all sections combined (Meta, list messages)."),
  LIST_TITLE_TOO_LONG(
      Severity.ERROR,
      "a list row or section title is longer than 24 characters",
      "WhatsApp caps list row titles and section titles at 24 characters (Meta, list"
          + " messages)."),
  LIST_HEADER_TOO_LONG(
      Severity.ERROR,
      "a list's title (its header) is longer than 60 characters",
      "A list's `title` becomes the header of WhatsApp's list message (Bird does not document the"
          + " mapping; chirp takes the stricter reading), and WhatsApp caps a list header at 60"
          + " characters (Meta, list messages)."),
  LIST_DESCRIPTION_TOO_LONG(
      Severity.ERROR,
      "a list row description is longer than 72 characters",
      "WhatsApp caps a list row's description at 72 characters (Meta, list messages; Bird's"
          + " schema says the same for `metadata.description.label`)."),
  LIST_ROW_ID(
      Severity.ERROR,
      "a list row id is too long or not unique",
      "WhatsApp list row ids are at most 200 characters and unique in the message (Meta, list"
          + " messages); the id is what your webhook receives."),
  LIST_SECTION_TITLE(
      Severity.ERROR,
      "a list section has no title",
      "Meta's list guide requires a title on every section (its API reference only when there"
          + " is more than one); chirp takes the stricter rule."),
  CAROUSEL_CARD_COUNT(
      Severity.ERROR,
      "a carousel has fewer than 2 or more than 10 cards",
      "Bird's WhatsApp carousel needs 2 to 10 cards (Bird, sending WhatsApp messages; Meta"
          + " agrees)."),
  CAROUSEL_MEDIA(
      Severity.ERROR,
      "carousel cards mix images and videos, or use another media type",
      "Every card of a WhatsApp carousel has media of the same kind: all images (image/jpeg,"
          + " image/png) or all videos (video/mp4, video/3gpp) (Bird). The type is taken from"
          + " the card's `contentType` or the URL's extension."),
  CAROUSEL_CARD_TEXT(
      Severity.ERROR,
      "a carousel card text is longer than 160 characters or has more than 2 line breaks",
      "WhatsApp caps a carousel card's body at 160 characters with at most 2 line breaks (Meta,"
          + " media carousel)."),
  MEDIA_URL(
      Severity.ERROR,
      "a media or link URL is not a valid https URL",
      "WhatsApp fetches media from public https URLs (Bird requires https for template media;"
          + " chirp requires it for all media). Link buttons need an absolute http(s) URL."),
  MEDIA_TYPE(
      Severity.ERROR,
      "a media type WhatsApp does not accept",
      "Images must be JPEG or PNG; files must be a document (PDF, plain text, Word, Excel,"
          + " PowerPoint), audio (AAC, AMR, MP3, MP4 audio, Ogg Opus) or video (MP4, 3GPP) type"
          + " (Meta, media). WebP images are shown as stickers."),
  CONTENT_TYPE_INFERRED(
      Severity.INFO,
      "a file's content type was inferred from its URL",
      "Bird requires `contentType` on every file. When a spec omits it chirp infers it from the"
          + " URL's extension and says so; write it out to silence this note."),
  CONTENT_TYPE_UNKNOWN(
      Severity.ERROR,
      "a file's content type cannot be known",
      "Bird requires `contentType` on every file, and the URL has no extension that tells it."
          + " Add `contentType`, e.g. application/pdf."),
  LOCATION_RANGE(
      Severity.ERROR,
      "a coordinate is out of range or not a number",
      "Latitude is a decimal number from -90 to 90 and longitude from -180 to 180 (Bird)."),
  PREVIEW_WITHOUT_URL(
      Severity.WARNING,
      "previewUrl is set but the text has no URL",
      "WhatsApp previews the first http(s) URL of the text; without one `previewUrl` does"
          + " nothing."),
  TAGS(
      Severity.ERROR,
      "too many tags, or a tag with characters Bird refuses",
      "Bird accepts at most 10 tags, each 1 to 50 characters of letters, digits, `-`, `_` and"
          + " spaces (Bird, sending WhatsApp messages)."),
  SCHEDULE(
      Severity.ERROR,
      "scheduledFor is not an RFC 3339 time or is more than 35 days ahead",
      "Bird takes `scheduledFor` as an RFC 3339 date-time with a zone (2026-12-01T09:00:00Z) and"
          + " rejects times more than 35 days ahead. A time in the past or within 10 minutes may"
          + " send at once."),
  CAP_FREQUENCY(
      Severity.WARNING,
      "capFrequency is set, which Bird accepts only with a marketing use case",
      "Bird applies frequency capping only when the message goes to a contact and"
          + " `meta.extraInformation.useCase` is \"marketing\" (Bird, Channels API). chirp does not"
          + " emit `meta`, so the flag cannot take effect and Bird may refuse the message. Remove"
          + " it, or suppress this warning with a reason if Bird accepts it for your workspace."),
  PAYLOAD_TOO_LARGE(
      Severity.ERROR,
      "the request body is larger than 200 KB",
      "Bird answers 413 when the whole request body is over 200 KB. chirp counts 200 KB as"
          + " 200,000 bytes of compact UTF-8 JSON, the stricter reading."),
  TEMPLATE_PARAMETER_VALUE(
      Severity.ERROR,
      "a template parameter value WhatsApp rejects",
      "WhatsApp rejects template parameter values with a newline or tab or more than 4"
          + " consecutive spaces (\\\"Param text cannot have new-line/tab characters or more than 4"
          + " consecutive spaces\\\"), and values must not be empty. Number and boolean"
          + " parameters must hold a number or true/false."),
  TEMPLATE_ID(
      Severity.ERROR,
      "a template projectId or version is not a UUID",
      "Bird identifies a template by its Studio project id, a UUID, and a version that is a UUID"
          + " or `latest`."),
  RECEIVER(
      Severity.ERROR,
      "the receiver is not a valid E.164 phone number or contact id",
      "WhatsApp receivers are phone numbers in E.164 form: a `+`, the country code and the"
          + " number, at most 15 digits, e.g. +31612345678 (checked with libphonenumber). A Bird"
          + " contact id is a UUID."),
  // ---- variables ----
  VAR_SYNTAX(
      Severity.ERROR,
      "a Mustache tag is malformed",
      "A `{{` that is never closed, a section `{{#x}}` without its `{{/x}}`, a closing tag for"
          + " another section, or a tag that is not a variable name. Spec strings support"
          + " `{{name}}`, `{{#name}}…{{/name}}`, `{{^name}}…{{/name}}`, `{{> partial}}` and"
          + " `{{! comment}}`."),
  VAR_UNDECLARED(
      Severity.ERROR,
      "a string uses a variable that is not declared",
      "Every `{{name}}` must be declared under `variables:` with its type, so that values can be"
          + " checked before sending. The position is the tag itself. Declare the variable, or"
          + " fix the name (a close declared name is suggested)."),
  VAR_UNUSED(
      Severity.WARNING,
      "a declared variable is never used",
      "The variable is declared but no string of the spec (or of a partial it includes) uses"
          + " it. Remove the declaration, or use it."),
  VAR_EXAMPLE_INVALID(
      Severity.ERROR,
      "a declaration's example or default breaks its own constraints",
      "A variable's `example:` and `default:` must satisfy its own type, length, pattern, enum"
          + " and range; otherwise the declaration contradicts itself."),
  VAR_VALUE(
      Severity.ERROR,
      "a value does not fit its variable's declaration",
      "A value given for a variable (in an example, a vars file, a recipients row or --var) is"
          + " of the wrong type or breaks its minLength, maxLength, pattern, enum, minimum or"
          + " maximum. The position is where the value came from."),
  VAR_MISSING(
      Severity.ERROR,
      "a required variable has no value",
      "Variables are required unless they declare `required: false` or a `default`. Give a"
          + " value, e.g. --var name=value, a column in the recipients file, or a key in the"
          + " example."),
  VAR_UNKNOWN(
      Severity.ERROR,
      "a value is given for a variable the spec does not declare",
      "A value names no declared variable, usually a typo. It is an error for examples, vars"
          + " files and --var; for recipients files an extra column is a warning, since such"
          + " files often carry more columns than one spec uses."),
  PARTIAL_MISSING(
      Severity.ERROR,
      "a partial cannot be found",
      "`{{> name}}` includes `partials/name.mustache` from the spec's folder or the nearest"
          + " parent folder that has a `partials/` folder. Create the file or fix the name."),
  BOUND_EXCEEDS(
      Severity.ERROR,
      "a field exceeds its limit whatever the values",
      "Even with the shortest values the variables allow (their minLength, or empty), the field"
          + " is longer than WhatsApp's limit. Shorten the literal text."),
  BOUND_MAY_EXCEED(
      Severity.WARNING,
      "a field can exceed its limit with long values",
      "With every variable at its declared maxLength the field can be longer than WhatsApp's"
          + " limit; a long enough value would be refused when sending. Lower the variables'"
          + " maxLength or shorten the text. Values are always checked again when resolved."),
  BOUND_UNKNOWN(
      Severity.INFO,
      "a variable without maxLength flows into a limited field",
      "chirp cannot prove the field stays within its limit because a variable in it has no"
          + " maxLength (nor an enum, a date or boolean type, an integer range or a pattern of"
          + " bounded length such as ^[A-Z0-9]{8}$ that bounds it). The message suggests a round"
          + " maxLength that keeps the field within the limit."),
  SNAPSHOT_MISMATCH(
      Severity.ERROR,
      "an example's payload differs from its committed snapshot",
      "An example's resolved payload is pinned in `payloads/ID.EXAMPLE.json` beside the spec,"
          + " and the payload compiled now differs. If the change is intended, run `chirp check"
          + " --update-snapshots` and commit the new snapshot."),
  SNAPSHOT_MISSING(
      Severity.WARNING,
      "an example of a pinned spec has no snapshot",
      "Other examples of the spec have their payload pinned in `payloads/ID.EXAMPLE.json`, but"
          + " this one has none (deleted, or a new example): a change to its payload would pass"
          + " unseen. Run `chirp check --update-snapshots` and commit the snapshot."),
  HIDDEN_CHARACTERS(
      Severity.WARNING,
      "a text holds invisible or direction-changing characters",
      "Bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069) reorder the text"
          + " shown after them, and zero-width characters (U+200B, U+2060, U+FEFF, U+180E) are"
          + " invisible: a reviewer cannot see them, yet WhatsApp sends and shows their effect, so"
          + " a message can read differently from what was approved (a \"Trojan Source\"). The"
          + " position is the character's exact column when it is written as it is (else the"
          + " text's). Remove it, or write it as an escape and suppress the warning with a reason"
          + " if it is intended. Zero-width joiners (U+200C, U+200D) are not reported: emoji and"
          + " several scripts need them. Values resolved into a text are checked too."),
  // ---- catalog ----
  ID_MISMATCH(
      Severity.ERROR,
      "a spec's id does not match its file name",
      "A spec's `id` equals its file name without `.yaml` (or `ID.LOCALE.yaml` for a localized"
          + " spec), so a reader finds a spec by its id. Rename the file or fix the id."),
  ID_DUPLICATE(
      Severity.ERROR,
      "two specs have the same id",
      "Spec ids are unique across a catalog (one per locale for localized specs); sends and"
          + " journals refer to specs by id."),
  CATALOG_FILE(
      Severity.ERROR,
      "the catalog file chirp.yaml has a problem",
      "chirp.yaml at the catalog root holds profiles, locales and the template registry; its"
          + " schema is `schema/chirp-catalog.schema.json`."),
  TEMPLATE_UNREGISTERED(
      Severity.WARNING,
      "a template spec's project is not in the catalog's template registry",
      "Declare each Bird template under `templates:` in chirp.yaml (or run `chirp templates"
          + " pull`) so that its parameters and locales are checked before sending."),
  TEMPLATE_PARAMETERS(
      Severity.ERROR,
      "template parameters do not match the registry",
      "A template spec must pass exactly the parameters its template declares, with their"
          + " types: a missing or extra parameter is WhatsApp error 132000 at send time, the most"
          + " common template bug."),
  TEMPLATE_LOCALE(
      Severity.ERROR,
      "a template spec asks for a locale the template lacks",
      "The registry lists the locales each template is approved in; sending another locale"
          + " fails with WhatsApp error 132001."),
  LOCALE_MISSING(
      Severity.ERROR,
      "a localized spec lacks one of the catalog's locales",
      "When chirp.yaml declares `locales:`, every spec that has a `locale` exists in each of"
          + " them, as ID.LOCALE.yaml."),
  LOCALE_VARIABLES(
      Severity.WARNING,
      "the locales of a spec declare different variables",
      "All locale variants of a spec are sent with the same values, so they should declare the"
          + " same variables; a variable only one locale declares is missing from the others."),
  PARTIAL_UNUSED(
      Severity.WARNING,
      "a partial is never used",
      "No spec of the catalog includes this file of partials/; remove it or use it."),
  SUPPRESSION_INVALID(
      Severity.ERROR,
      "a suppression comment has no reason, no known code, or aims at an error",
      "Suppress a warning or an info with a comment on its line (or alone on the line above):"
          + " `# chirp-ignore CODE: why this is fine`. A reason is required. An error cannot be"
          + " suppressed: compile and send refuse the spec all the same, so a check that let it"
          + " pass would approve what cannot be sent."),
  SUPPRESSION_UNUSED(
      Severity.WARNING,
      "a suppression comment suppresses nothing",
      "The finding it was written for is gone; remove the comment so it cannot hide a future"
          + " one.");

  private final Severity severity;
  private final String summary;
  private final String explanation;

  Code(Severity severity, String summary, String explanation) {
    this.severity = severity;
    this.summary = summary;
    this.explanation = explanation;
  }

  /** The stable kebab-case id printed in diagnostics, e.g. {@code yaml-duplicate-key}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public Severity severity() {
    return severity;
  }

  public String summary() {
    return summary;
  }

  public String explanation() {
    return explanation;
  }

  /**
   * What {@code chirp explain CODE} prints (and an editor shows on hover), without a last newline.
   */
  public String explain() {
    return id() + " (" + severity().word() + " by default): " + summary() + "\n\n" + explanation();
  }

  /** The id, so that a code reads in text as it is printed in diagnostics. */
  @Override
  public String toString() {
    return id();
  }

  /** The code with the given id, if there is one. */
  public static Optional<Code> byId(String id) {
    for (Code c : values()) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
