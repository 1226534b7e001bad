package dev.chirp.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Parses a preview page (well-formed markup) and lists everything that could make a browser fetch
 * something: elements that load resources, scripts, and URLs in src/href attributes or CSS.
 */
final class PageCheck {
  private PageCheck() {}

  private static final Set<String> LOADING =
      Set.of(
          "script", "img", "link", "iframe", "object", "embed", "video", "audio", "source", "base",
          "form", "picture", "track", "svg");

  static List<String> problems(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    List<String> out = new ArrayList<>();
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      String tag = e.getTagName().toLowerCase();
      if (LOADING.contains(tag)) {
        out.add("element <" + tag + ">");
      }
      NamedNodeMap attrs = e.getAttributes();
      for (int a = 0; a < attrs.getLength(); a++) {
        String name = attrs.item(a).getNodeName().toLowerCase();
        String value = attrs.item(a).getNodeValue();
        if (name.startsWith("on")) {
          out.add("event handler " + name);
        }
        if ((name.equals("src")
                || name.equals("href")
                || name.equals("srcset")
                || name.equals("action")
                || name.equals("poster")
                || name.equals("data"))
            && !value.startsWith("#")) {
          out.add(name + "=\"" + value + "\"");
        }
        if (name.equals("style") && css(value)) {
          out.add("style=\"" + value + "\"");
        }
      }
      if (tag.equals("style") && css(e.getTextContent())) {
        out.add("style sheet loads: " + e.getTextContent());
      }
    }
    return out;
  }

  private static boolean css(String css) {
    String c = css.toLowerCase();
    return c.contains("url(") || c.contains("@import") || c.contains("http") || c.contains("//");
  }
}
