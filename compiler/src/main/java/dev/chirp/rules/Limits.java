package dev.chirp.rules;

/** WhatsApp's and Bird's numeric limits, as the rules check them. */
public final class Limits {
  public static final int TEXT_MAX = 4096;
  public static final int BODY_MAX = 1024;
  public static final int CAPTION_MAX = 1024;
  public static final int BUTTONS_MAX = 3;
  public static final int BUTTON_TITLE_MAX = 20;
  public static final int BUTTON_ID_MAX = 256;
  public static final int LIST_SECTIONS_MAX = 10;
  public static final int LIST_ROWS_MAX = 10;
  public static final int LIST_TITLE_MAX = 24;
  public static final int LIST_HEADER_MAX = 60;
  public static final int LIST_DESCRIPTION_MAX = 72;
  public static final int LIST_ROW_ID_MAX = 200;
  public static final int CARDS_MIN = 2;
  public static final int CARDS_MAX = 10;
  public static final int CARD_TEXT_MAX = 160;
  public static final int TAGS_MAX = 10;
  public static final int TAG_MAX = 50;
  public static final int SCHEDULE_DAYS_MAX = 35;
  public static final int PAYLOAD_MAX_BYTES = 200_000;

  private Limits() {}
}
