package dev.chirp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.emit.Urls;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast URL check agrees with java.net.URI on real and hostile URLs. */
class UrlsTest {
  static String viaUri(String s) {
    try {
      if (!s.strip().equals(s)) {
        return null;
      }
      URI u = new URI(s);
      if (u.getHost() == null || u.getScheme() == null) {
        return null;
      }
      String sch = u.getScheme().toLowerCase(java.util.Locale.ROOT);
      return sch.equals("https") || sch.equals("http") ? sch : null;
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void agreesWithUri() {
    List<String> urls =
        List.of(
            "https://track.nordwind.example/482913",
            "http://localhost:8080/x?y=1#z",
            "https://a.example/p/a%20b%2Fc?q=x%26y",
            "https://a.example",
            "https://a.example:/x",
            "https://a.example/%zz",
            "https://a.example/a b",
            "https://a.example/a#b#c",
            "https://-a.example/",
            "https://a-.example/",
            "https:///nohost",
            "https://",
            "ftp://a.example/",
            "https://a.example/ü",
            "https://xn--bcher-kva.example/",
            "https://a.example/<x>",
            "HTTPS://A.EXAMPLE/",
            " https://a.example/",
            "https://user@a.example/",
            "https://[::1]:8080/",
            "https://a.example?x",
            "https://a.example#f",
            "https://a_b.example/");
    for (String u : urls) {
      assertEquals(viaUri(u), Urls.httpScheme(u), u);
    }
  }
}
