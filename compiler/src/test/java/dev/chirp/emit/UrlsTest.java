package dev.chirp.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast URL check agrees with java.net.URI on real and hostile URLs. */
class UrlsTest {
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
      assertEquals(Urls.httpSchemeByUri(u), Urls.httpScheme(u), u);
    }
  }
}
