package dev.chirp.emit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** MIME types WhatsApp accepts per kind, and inference of a type from a URL's extension. */
public final class Media {
  private Media() {}

  public static final Set<String> IMAGE = Set.of("image/jpeg", "image/png");
  public static final Set<String> VIDEO = Set.of("video/mp4", "video/3gpp");
  public static final Set<String> AUDIO =
      Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg");
  public static final Set<String> DOCUMENT =
      Set.of(
          "text/plain",
          "application/pdf",
          "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.ms-excel",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation");

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("png", "image/png"),
          Map.entry("webp", "image/webp"),
          Map.entry("gif", "image/gif"),
          Map.entry("avif", "image/avif"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("3gp", "video/3gpp"),
          Map.entry("3gpp", "video/3gpp"),
          Map.entry("mov", "video/quicktime"),
          Map.entry("webm", "video/webm"),
          Map.entry("aac", "audio/aac"),
          Map.entry("amr", "audio/amr"),
          Map.entry("mp3", "audio/mpeg"),
          Map.entry("m4a", "audio/mp4"),
          Map.entry("ogg", "audio/ogg"),
          Map.entry("opus", "audio/ogg"),
          Map.entry("wav", "audio/wav"),
          Map.entry("txt", "text/plain"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("doc", "application/msword"),
          Map.entry(
              "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          Map.entry("xls", "application/vnd.ms-excel"),
          Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          Map.entry("ppt", "application/vnd.ms-powerpoint"),
          Map.entry(
              "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"));

  /**
   * The extension of a URL's last path segment (lower case, without query or fragment), or null.
   * Works on templated URLs too: {@code https://x/{{id}}.pdf} has extension pdf.
   */
  public static String extension(String url) {
    String u = url;
    int cut = indexOfAny(u, '?', '#');
    if (cut >= 0) {
      u = u.substring(0, cut);
    }
    int slash = u.lastIndexOf('/');
    String last = u.substring(slash + 1);
    if (last.endsWith("}}")) {
      return null;
    }
    int dot = last.lastIndexOf('.');
    return dot < 0 || dot == last.length() - 1
        ? null
        : last.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The MIME type implied by a URL's extension, or null when the extension tells nothing. */
  public static String typeOf(String url) {
    String ext = extension(url);
    return ext == null ? null : BY_EXTENSION.get(ext);
  }

  /** Whether WhatsApp accepts {@code type} as a file (document, audio or video). */
  public static boolean isFileType(String type) {
    return VIDEO.contains(type) || AUDIO.contains(type) || DOCUMENT.contains(type);
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
