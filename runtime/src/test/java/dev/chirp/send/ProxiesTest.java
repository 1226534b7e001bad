package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxiesTest {
  static final URI BIRD = URI.create("https://api.bird.com/workspaces/w/channels/c/messages");

  static Optional<String> chosen(Map<String, String> env, URI target) {
    Proxies p = Proxies.fromEnv(env);
    return p.forTarget(target).map(hostPort -> hostPort + " " + p.authorization());
  }

  @Test
  void httpsRequestsGoThroughHttpsProxy() {
    assertEquals(
        Optional.of("proxy.corp:3128 null"),
        chosen(Map.of("HTTPS_PROXY", "http://proxy.corp:3128"), BIRD));
    assertEquals(
        Optional.of("proxy.corp:3128 null"),
        chosen(Map.of("https_proxy", "proxy.corp:3128"), BIRD)); // no scheme: http
    assertEquals(
        Optional.of("proxy.corp:80 null"),
        chosen(Map.of("HTTPS_PROXY", "http://proxy.corp"), BIRD));
  }

  @Test
  void theSelectorOkHttpAsksNamesTheProxyOrNone() {
    Proxies p = Proxies.fromEnv(Map.of("HTTPS_PROXY", "http://proxy.corp:3128"));
    assertEquals(
        java.util.List.of(
            new java.net.Proxy(
                java.net.Proxy.Type.HTTP,
                java.net.InetSocketAddress.createUnresolved("proxy.corp", 3128))),
        p.select(BIRD));
    assertEquals(
        java.util.List.of(java.net.Proxy.NO_PROXY),
        p.select(URI.create("https://localhost:8443/x")));
    assertEquals(java.util.List.of(java.net.Proxy.NO_PROXY), Proxies.none().select(BIRD));
  }

  @Test
  void noVariableOrAnEmptyOneMeansNoProxy() {
    assertEquals(Optional.empty(), chosen(Map.of(), BIRD));
    assertEquals(Optional.empty(), chosen(Map.of("HTTPS_PROXY", " "), BIRD));
    // HTTP_PROXY is for plain http, which Bird is never reached over.
    assertEquals(Optional.empty(), chosen(Map.of("HTTP_PROXY", "http://proxy.corp:3128"), BIRD));
  }

  @Test
  void plainHttpAndLoopbackHostsNeverUseTheProxy() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://proxy.corp:3128");
    assertEquals(Optional.empty(), chosen(env, URI.create("http://api.bird.com/x")));
    assertEquals(Optional.empty(), chosen(env, URI.create("https://localhost:8443/x")));
    assertEquals(Optional.empty(), chosen(env, URI.create("https://127.0.0.1:8443/x")));
    assertEquals(Optional.empty(), chosen(env, URI.create("https://[::1]:8443/x")));
  }

  @Test
  void noProxyMatchesHostsTheirSubdomainsPortsAndStar() {
    URI sub = URI.create("https://eu.api.bird.com/x");
    for (String np : new String[] {"bird.com", ".bird.com", "*.bird.com", "other.org, BIRD.COM"}) {
      Map<String, String> env = Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", np);
      assertEquals(Optional.empty(), chosen(env, BIRD), np);
      assertEquals(Optional.empty(), chosen(env, sub), np);
    }
    Map<String, String> star = Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "*");
    assertEquals(Optional.empty(), chosen(star, BIRD));
    Map<String, String> port = Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "api.bird.com:8443");
    assertEquals(Optional.of("p:1 null"), chosen(port, BIRD)); // 443 is not 8443
    assertEquals(Optional.empty(), chosen(port, URI.create("https://api.bird.com:8443/x")));
    Map<String, String> other = Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "notbird.com");
    assertEquals(Optional.of("p:1 null"), chosen(other, BIRD)); // not a suffix at a dot
  }

  @Test
  void credentialsBecomeABasicHeaderAndAreNeverShown() {
    Proxies p = Proxies.parse("HTTPS_PROXY", "http://ada:s%40cret+1@proxy.corp:3128", null);
    assertEquals("Basic YWRhOnNAY3JldCsx", p.authorization()); // ada:s@cret+1
    assertEquals("proxy.corp:3128", p.toString());
  }

  @Test
  void unusableProxyUrlsAreRefusedWithTheVariableNamedAndCredentialsHidden() {
    assertEquals(
        "HTTPS_PROXY is https://****@proxy.corp:443: only http:// proxies are supported"
            + " (chirp opens a CONNECT tunnel and speaks TLS to Bird through it); use"
            + " http://HOST:PORT",
        assertThrows(
                Proxies.Invalid.class,
                () -> Proxies.fromEnv(Map.of("HTTPS_PROXY", "https://ada:pw@proxy.corp:443")))
            .getMessage());
    assertEquals(
        "https_proxy is not a proxy URL: http://****@ bad host; use http://HOST:PORT",
        assertThrows(
                Proxies.Invalid.class,
                () -> Proxies.fromEnv(Map.of("https_proxy", "http://u:p@ bad host")))
            .getMessage());
  }
}
