#!/usr/bin/env python3
"""Writes the rule golden specs in compiler/src/test/resources/rules/.

Long strings are generated here so that their lengths are exact; the .err files are written by
RulesGoldenTest with -Dchirp.updateGolden=true and reviewed by hand.
Run from the repository root: python3 compiler/src/test/scripts/gen-rules-goldens.py
A few short variants (button-count.fail-after-other, button-mix.fail-late,
button-title-too-long.fail-example, carousel-media.fail-video-first, text-empty.fail-list) are
written by hand and left alone by this script.
So are the pattern and rounding variants of bound-unknown and bound-may-exceed (*.pass-pattern*,
*.fail-pattern*, bound-unknown.fail-round).
And the URL-with-spaces variants media-url.fail-space, media-url.fail-link-space,
var-value.fail-url-space and var-example-invalid.fail-url-space.
"""
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "rules")
UUID = "5d2a9f1c-1b7e-4a8e-9a51-1f6f3c2d4e5a"
# Bird 200 KB = 200,000 bytes of compact JSON; the payload of payload-too-large.*.yaml without
# the reference is this many bytes (measured: see the fail golden's message).
PAYLOAD_BASE = None


def s(n, seed="abcdefghij"):
    """A string of exactly n characters (UTF-16 units), no spaces at the ends."""
    return (seed * (n // len(seed) + 1))[:n]


def write(name, body):
    with open(os.path.join(OUT, name + ".yaml"), "w", encoding="utf-8") as f:
        f.write(body.lstrip("\n"))


def spec(code, kind, comment, rest, id_=None):
    head = "".join("# " + line + "\n" for line in comment.strip().splitlines())
    write(f"{code}.{kind}", f"{head}chirp: 1\nid: {id_ or code}\n{rest.lstrip(chr(10))}")


def q(v):
    """A double-quoted YAML scalar."""
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


# ---- text-too-long -------------------------------------------------------------------------
spec("text-too-long", "pass", "A text message of exactly 4,096 characters: WhatsApp's maximum.",
     f"message:\n  text: {q(s(4096))}\n")
spec("text-too-long", "fail", "A text message of 4,097 characters, one over WhatsApp's 4,096.",
     f"message:\n  text: {q(s(4097))}\n")
spec("text-too-long", "fail-example",
     "The text as written is short; only the example's value makes it 4,097 characters\n"
     "(\"Hi \" + 4,094 = 4,097), so the problem is reported for example `default`.",
     "variables:\n  filler: { type: string, maxLength: 4094 }\n"
     "message:\n  text: \"Hi {{filler}}\"\n"
     f"examples:\n  - name: default\n    vars: {{ filler: {q(s(4094))} }}\n")
spec("text-too-long", "pass-example",
     "As text-too-long.fail-example.yaml, but the example fills the text to exactly 4,096.",
     "variables:\n  filler: { type: string, maxLength: 4093 }\n"
     "message:\n  text: \"Hi {{filler}}\"\n"
     f"examples:\n  - name: default\n    vars: {{ filler: {q(s(4093))} }}\n")

# ---- text-empty ----------------------------------------------------------------------------
spec("text-empty", "pass",
     "The schema already refuses a literal empty text (minLength 1); the rule catches a text that\n"
     "renders empty. A one-character value is enough.",
     "variables:\n  greeting: { type: string, required: false, maxLength: 100 }\n"
     "message:\n  text: \"{{greeting}}\"\n"
     "examples:\n  - name: default\n    vars: { greeting: \"!\" }\n")
spec("text-empty", "fail",
     "The text is only a variable and the example's value is empty, so the resolved text is empty.",
     "variables:\n  greeting: { type: string, required: false, maxLength: 100 }\n"
     "message:\n  text: \"{{greeting}}\"\n"
     "examples:\n  - name: default\n    vars: { greeting: \"\" }\n")

# ---- body-too-long -------------------------------------------------------------------------
spec("body-too-long", "pass", "A message with a button is interactive: its body may be 1,024 characters.",
     f"message:\n  text: {q(s(1024))}\n  actions:\n    - reply: {{ text: OK }}\n")
spec("body-too-long", "fail", "A message with a button and a 1,025-character body, one over 1,024.",
     f"message:\n  text: {q(s(1025))}\n  actions:\n    - reply: {{ text: OK }}\n")

# ---- caption-too-long ----------------------------------------------------------------------
img = "    - url: https://cdn.example.com/promo.jpg\n"
spec("caption-too-long", "pass", "An image caption of exactly 1,024 characters.",
     f"message:\n  text: {q(s(1024))}\n  images:\n{img}")
spec("caption-too-long", "fail", "An image caption of 1,025 characters, one over 1,024.",
     f"message:\n  text: {q(s(1025))}\n  images:\n{img}")

# ---- button-count --------------------------------------------------------------------------
spec("button-count", "pass", "Three reply/postback buttons: WhatsApp's maximum.",
     "message:\n  text: Pick one\n  actions:\n"
     "    - reply: { text: Red }\n    - postback: { text: Green, payload: green }\n    - reply: { text: Blue }\n")
spec("button-count", "fail", "Four reply/postback buttons; the fourth is reported.",
     "message:\n  text: Pick one\n  actions:\n"
     "    - reply: { text: Red }\n    - postback: { text: Green, payload: green }\n    - reply: { text: Blue }\n"
     "    - reply: { text: Yellow }\n")

# ---- button-mix ----------------------------------------------------------------------------
spec("button-mix", "pass", "Reply and postback buttons are the same kind and may be combined.",
     "message:\n  text: Pick one\n  actions:\n"
     "    - reply: { text: Yes }\n    - postback: { text: Call me, payload: callback }\n")
spec("button-mix", "fail", "A reply button and a link button cannot be shown together.",
     "message:\n  text: Pick one\n  actions:\n"
     "    - reply: { text: Yes }\n    - link: { text: Open, url: \"https://example.com\" }\n")
spec("button-mix", "fail-two-links", "A message has at most one link button.",
     "message:\n  text: Where to?\n  actions:\n"
     "    - link: { text: Shop, url: \"https://example.com/shop\" }\n"
     "    - link: { text: Help, url: \"https://example.com/help\" }\n")

# ---- button-title-too-long -----------------------------------------------------------------
# chirp counts UTF-16 code units, the strictest count: an emoji outside the BMP counts 2.
t20 = "Pay now \U0001F4B3\U0001F4B3 fast \u2705"   # 8 + 4 + 5 + 1 = 18? computed below
def units(x):
    return len(x.encode("utf-16-le")) // 2
t20 = "Pay \U0001F4B3\U0001F4B3\U0001F4B3 fast \U0001F680!"  # 4 + 6 + 6 + 2 + 1 = 19 -> pad
t20 = "Pay \U0001F4B3\U0001F4B3\U0001F4B3 fast \U0001F680!!"
assert units(t20) == 20, units(t20)
t21 = t20 + "!"
assert units(t21) == 21
cp21 = len(t21)
spec("button-title-too-long", "pass",
     "A button title of exactly 20 characters as chirp counts them: UTF-16 code units, the\n"
     "strictest count (Meta does not say which it uses). Each emoji here counts 2:\n"
     f"\"{t20}\" is {len(t20)} code points but 20 UTF-16 units.",
     "message:\n  text: Ready?\n  actions:\n"
     f"    - reply: {{ text: \"{t20}\" }}\n")
spec("button-title-too-long", "fail",
     "One more \"!\" than the pass case: 21 UTF-16 code units (chirp's count, where each emoji\n"
     f"counts 2) although only {cp21} code points. chirp takes the strictest count, so this fails.",
     "message:\n  text: Ready?\n  actions:\n"
     f"    - reply: {{ text: \"{t21}\" }}\n")
spec("button-title-too-long", "fail-list-button",
     "The list button label has the same 20-character limit; this one is 21.",
     "message:\n  text: Choose a slot\n  list:\n"
     f"    button: {q(s(21))}\n    rows:\n      - {{ id: a, title: Morning }}\n")

# ---- button-title-duplicate ----------------------------------------------------------------
spec("button-title-duplicate", "pass", "Three different reply titles.",
     "message:\n  text: Coming?\n  actions:\n"
     "    - reply: { text: Yes }\n    - reply: { text: No }\n    - reply: { text: Maybe }\n")
spec("button-title-duplicate", "fail", "The third button repeats the first one's title.",
     "message:\n  text: Coming?\n  actions:\n"
     "    - reply: { text: Yes }\n    - reply: { text: No }\n    - postback: { text: Yes, payload: yes-again }\n")

# ---- button-id-too-long --------------------------------------------------------------------
spec("button-id-too-long", "pass", "A postback payload of exactly 256 characters.",
     "message:\n  text: Confirm?\n  actions:\n"
     f"    - postback:\n        text: Confirm\n        payload: {q(s(256))}\n")
spec("button-id-too-long", "fail", "A postback payload of 257 characters, one over 256.",
     "message:\n  text: Confirm?\n  actions:\n"
     f"    - postback:\n        text: Confirm\n        payload: {q(s(257))}\n")

# ---- list-section-count --------------------------------------------------------------------
def sections(n):
    return "".join(f"      - title: Section {i}\n        rows:\n          - {{ id: r{i}, title: Row {i} }}\n"
                   for i in range(1, n + 1))
spec("list-section-count", "pass", "Ten sections of one row each: at both the section and the row limit.",
     f"message:\n  text: Choose\n  list:\n    sections:\n{sections(10)}")
spec("list-section-count", "fail",
     "Eleven sections. Every section needs a row, so this also has 11 rows (list-row-count).",
     f"message:\n  text: Choose\n  list:\n    sections:\n{sections(11)}")

# ---- list-row-count ------------------------------------------------------------------------
def rows(n, indent="      "):
    return "".join(f"{indent}- {{ id: r{i}, title: Row {i} }}\n" for i in range(1, n + 1))
spec("list-row-count", "pass", "Ten rows: WhatsApp's maximum.",
     f"message:\n  text: Choose\n  list:\n    rows:\n{rows(10)}")
spec("list-row-count", "fail", "Eleven rows; the eleventh is reported.",
     f"message:\n  text: Choose\n  list:\n    rows:\n{rows(11)}")
spec("list-row-count", "fail-sections", "Eleven rows across two sections count together.",
     "message:\n  text: Choose\n  list:\n    sections:\n"
     f"      - title: Morning\n        rows:\n{rows(6, '          ')}"
     f"      - title: Afternoon\n        rows:\n" + rows(5, '          ').replace("r", "p").replace("Pow", "Row"))

# ---- list-title-too-long -------------------------------------------------------------------
spec("list-title-too-long", "pass", "A section title and a row title of exactly 24 characters.",
     "message:\n  text: Choose\n  list:\n    sections:\n"
     f"      - title: {q(s(24))}\n        rows:\n          - {{ id: a, title: {q(s(24, 'ABCDEFGHIJ'))} }}\n")
spec("list-title-too-long", "fail", "A section title and a row title of 25 characters.",
     "message:\n  text: Choose\n  list:\n    sections:\n"
     f"      - title: {q(s(25))}\n        rows:\n          - {{ id: a, title: {q(s(25, 'ABCDEFGHIJ'))} }}\n")

# ---- list-description-too-long -------------------------------------------------------------
spec("list-description-too-long", "pass", "A row description of exactly 72 characters.",
     "message:\n  text: Choose\n  list:\n    rows:\n"
     f"      - id: a\n        title: Morning\n        description: {q(s(72))}\n")
spec("list-description-too-long", "fail", "A row description of 73 characters.",
     "message:\n  text: Choose\n  list:\n    rows:\n"
     f"      - id: a\n        title: Morning\n        description: {q(s(73))}\n")

# ---- list-row-id ---------------------------------------------------------------------------
spec("list-row-id", "pass", "A row id of exactly 200 characters, and ids unique in the message.",
     "message:\n  text: Choose\n  list:\n    rows:\n"
     f"      - id: {q(s(200))}\n        title: Morning\n      - {{ id: b, title: Afternoon }}\n")
spec("list-row-id", "fail", "A row id of 201 characters.",
     "message:\n  text: Choose\n  list:\n    rows:\n"
     f"      - id: {q(s(201))}\n        title: Morning\n      - {{ id: b, title: Afternoon }}\n")
spec("list-row-id", "fail-duplicate", "Row ids must be unique across all sections.",
     "message:\n  text: Choose\n  list:\n    sections:\n"
     "      - title: Monday\n        rows:\n          - { id: am, title: Morning }\n"
     "      - title: Tuesday\n        rows:\n          - { id: am, title: Morning }\n")

# ---- list-section-title --------------------------------------------------------------------
spec("list-section-title", "pass", "Every section has a title.",
     "message:\n  text: Choose\n  list:\n    sections:\n"
     "      - title: Monday\n        rows:\n          - { id: mon, title: Morning }\n"
     "      - title: Tuesday\n        rows:\n          - { id: tue, title: Morning }\n")
spec("list-section-title", "fail", "The second section has no title.",
     "message:\n  text: Choose\n  list:\n    sections:\n"
     "      - title: Monday\n        rows:\n          - { id: mon, title: Morning }\n"
     "      - rows:\n          - { id: tue, title: Morning }\n")

# ---- carousel-card-count -------------------------------------------------------------------
def cards(n, ext=lambda i: "jpg", desc=lambda i: None):
    out = ""
    for i in range(1, n + 1):
        out += f"    - title: Card {i}\n"
        d = desc(i)
        if d is not None:
            out += f"      description: {q(d)}\n"
        out += (f"      media: https://cdn.example.com/cards/{i}.{ext(i)}\n"
                f"      link: {{ text: Open {i}, url: \"https://example.com/{i}\" }}\n")
    return out
spec("carousel-card-count", "pass", "Two cards: the fewest a carousel may have.",
     f"message:\n  text: Swipe\n  cards:\n{cards(2)}")
spec("carousel-card-count", "pass-max", "Ten cards: the most a carousel may have.",
     f"message:\n  text: Swipe\n  cards:\n{cards(10)}")
spec("carousel-card-count", "fail", "One card; a carousel needs at least two.",
     f"message:\n  text: Swipe\n  cards:\n{cards(1)}")
spec("carousel-card-count", "fail-max", "Eleven cards; the eleventh is reported.",
     f"message:\n  text: Swipe\n  cards:\n{cards(11)}")

# ---- carousel-media ------------------------------------------------------------------------
spec("carousel-media", "pass", "JPEG and PNG cards are all images; fine together.",
     f"message:\n  text: Swipe\n  cards:\n{cards(2, ext=lambda i: 'jpg' if i == 1 else 'png')}")
spec("carousel-media", "fail", "An image card and a video card cannot be mixed.",
     f"message:\n  text: Swipe\n  cards:\n{cards(2, ext=lambda i: 'jpg' if i == 1 else 'mp4')}")
spec("carousel-media", "fail-type", "A GIF is neither a JPEG/PNG image nor an MP4/3GPP video.",
     f"message:\n  text: Swipe\n  cards:\n{cards(2, ext=lambda i: 'jpg' if i == 1 else 'gif')}")

# ---- carousel-card-text --------------------------------------------------------------------
spec("carousel-card-text", "pass",
     "Card texts at the limits: exactly 160 characters, and exactly 2 line breaks.",
     f"message:\n  text: Swipe\n  cards:\n{cards(2, desc=lambda i: s(160) if i == 1 else 'one' + chr(10) + 'two' + chr(10) + 'three')}")
spec("carousel-card-text", "fail",
     "Card texts just past the limits: 161 characters, and 3 line breaks.",
     f"message:\n  text: Swipe\n  cards:\n{cards(2, desc=lambda i: s(161) if i == 1 else 'one' + chr(10) + 'two' + chr(10) + 'three' + chr(10) + 'four')}")

# ---- media-url -----------------------------------------------------------------------------
spec("media-url", "pass", "An https image URL with a host.",
     "message:\n  images:\n    - url: https://cdn.example.com/promo.jpg\n")
spec("media-url", "fail", "WhatsApp media must be fetched over https; http is refused.",
     "message:\n  images:\n    - url: http://cdn.example.com/promo.jpg\n")
spec("media-url", "fail-link", "A link button needs an absolute http(s) URL.",
     "message:\n  text: Read more\n  actions:\n    - link: { text: Open, url: \"example.com/page\" }\n")

# ---- media-type ----------------------------------------------------------------------------
spec("media-type", "pass", "A PNG image and a PDF file are accepted types.",
     "message:\n  images:\n    - url: https://cdn.example.com/promo.png\n", id_="media-type")
spec("media-type", "fail", "A GIF is not an image type WhatsApp accepts (JPEG or PNG only).",
     "message:\n  images:\n    - url: https://cdn.example.com/promo.gif\n")
spec("media-type", "fail-webp", "WebP is shown as a sticker: a warning, not an error.",
     "message:\n  images:\n    - url: https://cdn.example.com/promo.webp\n")
spec("media-type", "fail-file", "An image sent as a file is refused, with a hint to use `images`.",
     "message:\n  files:\n    - url: https://cdn.example.com/photo\n      contentType: image/png\n")

# ---- content-type-inferred -----------------------------------------------------------------
spec("content-type-inferred", "pass",
     "contentType is left out and inferred from .pdf: an info, and the file is fine.",
     "message:\n  files:\n    - url: https://cdn.example.com/invoice.pdf\n")
spec("content-type-inferred", "fail",
     "contentType is inferred from .wav as audio/wav, which WhatsApp does not accept.",
     "message:\n  files:\n    - url: https://cdn.example.com/voice.wav\n")

# ---- content-type-unknown ------------------------------------------------------------------
spec("content-type-unknown", "pass", "The URL tells nothing, but contentType is written out.",
     "message:\n  files:\n    - url: https://cdn.example.com/download?id=42\n      contentType: application/pdf\n")
spec("content-type-unknown", "fail", "The URL has no extension and there is no contentType.",
     "message:\n  files:\n    - url: https://cdn.example.com/download?id=42\n")

# ---- location-range ------------------------------------------------------------------------
spec("location-range", "pass", "The extreme coordinates are valid: latitude 90, longitude -180.",
     "message:\n  location:\n    latitude: 90\n    longitude: -180\n")
spec("location-range", "fail", "Just past the extremes: latitude 90.000001, longitude -180.5.",
     "message:\n  location:\n    latitude: 90.000001\n    longitude: -180.5\n")
spec("location-range", "fail-not-number", "A coordinate string that is not a number.",
     "message:\n  location:\n    latitude: \"north\"\n    longitude: 4.9\n")

# ---- preview-without-url -------------------------------------------------------------------
spec("preview-without-url", "pass", "previewUrl with an https URL in the text.",
     "message:\n  text: \"Our new menu: https://example.com/menu\"\n  previewUrl: true\n")
spec("preview-without-url", "fail", "previewUrl is set but there is no URL to preview (a warning).",
     "message:\n  text: \"Our new menu is out\"\n  previewUrl: true\n")

# ---- tags ----------------------------------------------------------------------------------
ten = ", ".join(f"t{i}" for i in range(1, 10))
spec("tags", "pass", "Ten tags, one of exactly 50 characters with letters, digits, -, _ and a space.",
     f"tags: [{ten}, \"{s(46)}-_ x\"]\nmessage:\n  text: Hello\n")
spec("tags", "fail", "Eleven tags (the eleventh is reported), one of 51 characters and one with a dot.",
     f"tags: [{ten}, \"{s(51)}\", order.shipped]\nmessage:\n  text: Hello\n")

# ---- schedule ------------------------------------------------------------------------------
spec("schedule", "pass",
     "The test clock is 2026-11-25T12:00:00Z, so 35 days ahead is exactly 2026-12-30T12:00:00Z.",
     "scheduledFor: \"2026-12-30T12:00:00Z\"\nmessage:\n  text: Hello\n")
spec("schedule", "fail", "One second past 35 days from the test clock (2026-11-25T12:00:00Z).",
     "scheduledFor: \"2026-12-30T12:00:01Z\"\nmessage:\n  text: Hello\n")
spec("schedule", "fail-format", "A time without a zone is not RFC 3339.",
     "scheduledFor: \"2026-12-01 09:00\"\nmessage:\n  text: Hello\n")

# ---- template-parameter-value --------------------------------------------------------------
spec("template-parameter-value", "pass",
     "Values at the limits: 4 spaces in a row, a number, a boolean, a forced number.",
     f"template:\n  projectId: {UUID}\n  locale: en\n  parameters:\n"
     "    name: \"Lena    Smit\"\n    amount: 12.5\n    vip: true\n"
     "    count: { type: number, value: \"42\" }\n")
spec("template-parameter-value", "fail",
     "5 spaces in a row, a line break, a tab, an empty value, a number that is not one, and a\n"
     "boolean that is not one.",
     f"template:\n  projectId: {UUID}\n  locale: en\n  parameters:\n"
     "    name: \"Lena     Smit\"\n    address: \"Main St 1\\nAmsterdam\"\n    note: \"a\\tb\"\n"
     "    empty: \"\"\n    count: { type: number, value: \"forty-two\" }\n"
     "    vip: { type: boolean, value: \"yes\" }\n")

# ---- template-id ---------------------------------------------------------------------------
spec("template-id", "pass", "A UUID project id and a UUID version.",
     f"template:\n  projectId: {UUID}\n  version: 0b6f6c0e-3c1a-4a7e-8f0d-2b9c1d2e3f4a\n  locale: en\n")
spec("template-id", "fail", "A project id that is not a UUID and a version that is neither `latest` nor a UUID.",
     "template:\n  projectId: order-shipped\n  version: v2\n  locale: en\n")

print("ok")

# ---- payload-too-large ---------------------------------------------------------------------
# No single field limit stops a long `reference`, so the whole request body can pass 200 KB.
# The reference is a folded block scalar: its lines join with single spaces. Bird counts 200 KB;
# chirp reads it as 200,000 bytes of compact UTF-8 JSON. PAYLOAD_BASE is the body's size without
# the reference's characters (measured with chirp: the fail golden reports the total).
PAYLOAD_BASE = int(os.environ.get("PAYLOAD_BASE", "0")) or 154


def folded(n):
    """A folded scalar of exactly n characters: 99-character lines joined by spaces."""
    words = []
    left = n
    while left > 0:
        take = min(99, left)
        words.append(s(take))
        left -= take + 1
        if left == 0:  # a trailing join space would need one more character than we have
            words[-1] = words[-1][:-1]
            left = 0
    text = " ".join(words)
    assert len(text) == n, (len(text), n)
    return "reference: >-\n" + "".join("  " + w + "\n" for w in words)


for kind, size in (("pass", 200_000), ("fail", 200_001)):
    spec("payload-too-large", kind,
         f"The request body is exactly {size:,} bytes of compact JSON "
         f"({'at' if kind == 'pass' else 'one byte over'} Bird's 200 KB, read as 200,000 bytes):\n"
         "a short text message with a long `reference`.",
         "message:\n  text: Hello\n" + folded(size - PAYLOAD_BASE))
