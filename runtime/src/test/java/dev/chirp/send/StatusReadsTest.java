package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading messages' statuses from FakeBird, whose reads are capped: 429s are waited out. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusReadsTest {
  static final String KEY = "sk_test_status_reads";

  @Test
  void aServerThatAnswers429IsWaitedOutAsRetryAfterSaysAndEveryStatusIsRead() throws Exception {
    try (FakeBird bird = FakeBird.start(KEY)) {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 12; i++) {
        String body =
            "{\"receiver\":{\"contacts\":[{\"identifierKey\":\"phonenumber\",\"identifierValue\":"
                + "\"+3161234560"
                + (i % 10)
                + "\"}]},\"body\":{\"type\":\"text\",\"text\":{\"text\":\"hi\"}}}";
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        bird.url()
                            .resolve(
                                "/workspaces/"
                                    + FakeBird.WORKSPACE
                                    + "/channels/"
                                    + FakeBird.CHANNEL
                                    + "/messages"))
                    .header("Authorization", "AccessKey " + KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
      }
      bird.readLimit(5); // far under chirp's pace: most reads of the first second are refused
      List<Duration> waits = new ArrayList<>();
      BirdClient client =
          BirdClient.builder(
                  new Connection(bird.url(), FakeBird.WORKSPACE, FakeBird.CHANNEL),
                  AccessKey.of(KEY))
              .readLimiter(RateLimiter.forReads())
              .sleeper(
                  d -> {
                    synchronized (waits) {
                      waits.add(d);
                    }
                    Thread.sleep(d.toMillis());
                  })
              .build();
      List<String> statuses = new ArrayList<>();
      for (String id : bird.messageIds()) {
        statuses.add(client.message(id).orElseThrow().status());
      }
      assertEquals(12, statuses.size());
      assertTrue(statuses.stream().allMatch(s -> s.equals("accepted")), statuses.toString());
      assertTrue(bird.tooManyReads() > 0, "the cap was never reached");
      // Every wait after a 429 is at least the server's Retry-After: 1.
      assertTrue(
          waits.stream().allMatch(w -> w.compareTo(Duration.ofSeconds(1)) >= 0), waits.toString());
      assertEquals(bird.tooManyReads(), waits.size());
    }
  }
}
