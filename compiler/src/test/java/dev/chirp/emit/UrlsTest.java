package dev.chirp.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which values are absolute http(s) URLs with a host, as java.net.URI reads real and hostile ones.
 */
class UrlsTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "'https://track.nordwind.example/482913'|https",
        "'http://localhost:8080/x?y=1#z'|http",
        "'https://a.example/p/a%20b%2Fc?q=x%26y'|https",
        "'https://a.example'|https",
        "'https://a.example:/x'|https",
        "'https://a.example/%zz'|-",
        "'https://a.example/a b'|-",
        "'https://a.example/a#b#c'|-",
        "'https://-a.example/'|-",
        "'https://a-.example/'|-",
        "'https:///nohost'|-",
        "'https://'|-",
        "'ftp://a.example/'|-",
        "'https://a.example/ü'|https",
        "'https://xn--bcher-kva.example/'|https",
        "'https://a.example/<x>'|-",
        "'HTTPS://A.EXAMPLE/'|https",
        "' https://a.example/'|-",
        "'https://user@a.example/'|https",
        "'https://[::1]:8080/'|https",
        "'https://a.example?x'|https",
        "'https://a.example#f'|https",
        "'https://a_b.example/'|-",
      })
  void httpScheme(String url, String scheme) {
    assertEquals(scheme, Urls.httpScheme(url));
  }
}
