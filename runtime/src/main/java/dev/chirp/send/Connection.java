package dev.chirp.send;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Where messages go: the API base URL, the workspace and the channel. */
public record Connection(URI apiUrl, String workspaceId, String channelId) {
  public static final String DEFAULT_API_URL = "https://api.bird.com";
  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  public static boolean isUuid(String s) {
    return s != null && UUID.matcher(s).matches();
  }

  /** The send endpoint. */
  public URI messagesUrl() {
    return resolve("/workspaces/" + workspaceId + "/channels/" + channelId + "/messages");
  }

  /** The batch send endpoint. */
  public URI batchUrl() {
    return resolve("/workspaces/" + workspaceId + "/channels/" + channelId + "/batch/messages");
  }

  /** The service-window endpoint for a contact id or phone number. */
  public URI contactUrl(String contact) {
    String enc = dev.chirp.Compiler.percentEncode(contact);
    return resolve(
        "/workspaces/"
            + workspaceId
            + "/channels/"
            + channelId
            + "/contacts/"
            + enc
            + "?contactIdentifierValue="
            + enc);
  }

  /** The channel-templates list of a Studio project, one page. */
  public URI templatesUrl(String projectId, String pageToken) {
    return resolve(
        "/workspaces/"
            + workspaceId
            + "/projects/"
            + projectId
            + "/channel-templates?limit=100"
            + (pageToken == null
                ? ""
                : "&pageToken=" + dev.chirp.Compiler.percentEncode(pageToken)));
  }

  private URI resolve(String path) {
    String base = apiUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path);
  }

  /**
   * Why {@code url} may not be used, or null: it must be absolute https, or http to a loopback
   * address (for tests and local proxies) — never plain http over a network, since the access key
   * travels in a header.
   */
  public static String urlProblem(URI url) {
    if (url.getScheme() == null || url.getHost() == null) {
      return "API URL " + url + " is not an absolute URL";
    }
    if (url.getScheme().equalsIgnoreCase("https")) {
      return null;
    }
    if (url.getScheme().equalsIgnoreCase("http")) {
      if (isLoopback(url.getHost())) {
        return null;
      }
      return "API URL "
          + url
          + " uses plain http; the access key would travel unencrypted. Use https (http is allowed only to loopback)";
    }
    return "API URL " + url + " must be https";
  }

  /** True for localhost and loopback address literals (names other than localhost unresolved). */
  static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // a name other than localhost: do not resolve it to decide
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
