package dev.chirp.send;

import dev.chirp.text.PercentEncoding;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where messages go: the API base URL, the workspace and the channel. */
public record Connection(URI apiUrl, String workspaceId, String channelId) {

  /** The API URL with its scheme and host in lower case, the one form every later check sees. */
  public Connection {
    apiUrl = normalized(apiUrl);
  }

  public static final String DEFAULT_API_URL = "https://api.bird.com";

  /** The send endpoint. */
  public URI messagesUrl() {
    return resolve("/workspaces/" + workspaceId + "/channels/" + channelId + "/messages");
  }

  /** The batch send endpoint. */
  public URI batchUrl() {
    return resolve("/workspaces/" + workspaceId + "/channels/" + channelId + "/batch/messages");
  }

  /** One message of the channel, by Bird's message id. */
  public URI messageUrl(String messageId) {
    return resolve(
        "/workspaces/"
            + workspaceId
            + "/channels/"
            + channelId
            + "/messages/"
            + PercentEncoding.encode(messageId));
  }

  /**
   * One page of the channel's outgoing messages created from {@code from} until {@code to}. The
   * endpoint is Bird's "Get all messages for a channel" (GET
   * /workspaces/{ws}/channels/{ch}/messages, named with its permission on
   * https://docs.bird.com/api/channels-api); its query parameters {@code direction}, {@code
   * startAt}, {@code endAt}, {@code limit} and {@code pageToken} are those of Bird's list endpoints
   * as a public collection of Bird's API gives them, not shown on that page. There is no filter by
   * reference: chirp matches references in what it lists.
   */
  public URI messagesUrl(Instant from, Instant to, String pageToken) {
    return resolve(
        "/workspaces/"
            + workspaceId
            + "/channels/"
            + channelId
            + "/messages?direction=outgoing&limit=100&startAt="
            + PercentEncoding.encode(from.toString())
            + "&endAt="
            + PercentEncoding.encode(to.toString())
            + (pageToken == null ? "" : "&pageToken=" + PercentEncoding.encode(pageToken)));
  }

  /** The service-window endpoint for a contact id or phone number. */
  public URI contactUrl(String contact) {
    String enc = PercentEncoding.encode(contact);
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
            + (pageToken == null ? "" : "&pageToken=" + PercentEncoding.encode(pageToken)));
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
   * travels in a header. The scheme is compared without regard to case ({@code HTTPS://} is https),
   * and a URL with a user, a query or a fragment is refused: none has a meaning for Bird's API.
   */
  public static String urlProblem(URI url) {
    if (url.getScheme() == null || url.getHost() == null) {
      return "API URL " + url + " is not an absolute URL";
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "API URL " + url + " must be https";
    }
    if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
      return "API URL "
          + Proxies.redacted(url.toString())
          + " must be a plain base URL such as https://api.bird.com (no user, query or fragment)";
    }
    if (scheme.equals("http") && !isLoopback(url.getHost())) {
      return "API URL "
          + url
          + " uses plain http; the access key would travel unencrypted. Use https (http is allowed"
          + " only to loopback)";
    }
    return null;
  }

  /** {@code url} with scheme and host in lower case (URLs differing only there are the same). */
  static URI normalized(URI url) {
    if (url.getScheme() == null || url.getHost() == null) {
      return url;
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost().toLowerCase(Locale.ROOT);
    if (scheme.equals(url.getScheme()) && host.equals(url.getHost())) {
      return url;
    }
    String rest = url.toString().substring(url.getScheme().length()); // "://Host:1/path"
    String authority = url.getRawAuthority();
    return URI.create(
        scheme
            + rest.replaceFirst(
                Pattern.quote(authority),
                Matcher.quoteReplacement(authority.toLowerCase(Locale.ROOT))));
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
