package dev.chirp.send;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OkHttp's events of each call of a {@link Transport}: how far the call got (the transport's rule
 * for what may have reached Bird reads it), and the check of kept-alive connections before reuse.
 */
final class CallEvents implements EventListener.Factory {
  /**
   * Kept-alive HTTP/1.1 connections idle this long are checked (a read of at most 1 ms) before a
   * request goes on them: every reused one. Servers close idle connections when they like (FakeBird
   * after 100 ms when other clients wait, nginx after 75 s, load balancers after about 60 s), and a
   * request written into a connection the server has closed ends as an unknown outcome, since chirp
   * never resends those. OkHttp checks only after 10 s idle, which left such rows unknown in a
   * batch of 75 connections to a 16-thread server. The check costs at most 1 ms against Bird's
   * 30–150 ms round trip; what remains is a server closing in the instant between check and write.
   */
  static final Duration CHECK_AFTER_IDLE = Duration.ZERO;

  private final long checkAfterIdleNanos;

  /** When each pooled HTTP/1.1 connection was last released (weak: the pool owns them). */
  private final Map<Connection, Long> idleSince = Collections.synchronizedMap(new WeakHashMap<>());

  CallEvents(Duration checkAfterIdle) {
    this.checkAfterIdleNanos = checkAfterIdle.toNanos();
  }

  /** How far one call got; written by OkHttp's threads, read after the call. */
  static final class Progress {
    /** The pooled connection was found closed by the server and discarded before any write. */
    volatile boolean stale;

    volatile boolean headStarted;
    volatile boolean bodyWritten;
    volatile boolean answerHead;
  }

  /** The listener of a call tagged with a {@link Progress}; calls without one are not watched. */
  @Override
  public EventListener create(Call call) {
    Progress p = call.request().tag(Progress.class);
    if (p == null) {
      return EventListener.NONE;
    }
    return new EventListener() {
      @Override
      public void connectionAcquired(Call c, Connection connection) {
        Long since = idleSince.remove(connection);
        if (since != null
            && System.nanoTime() - since >= checkAfterIdleNanos
            && (connection.protocol() == Protocol.HTTP_1_1
                || connection.protocol()
                    == Protocol.HTTP_1_0) // HTTP/2 has its own reader: keep off
            && !stillOpen(connection.socket())) {
          p.stale = true;
          closeQuietly(connection.socket()); // so the write fails at once, with nothing sent
        }
      }

      @Override
      public void connectionReleased(Call c, Connection connection) {
        idleSince.put(connection, System.nanoTime());
      }

      @Override
      public void requestHeadersStart(Call c) {
        p.headStarted = true;
      }

      @Override
      public void requestHeadersEnd(Call c, Request r) {
        if (r.body() == null) {
          p.bodyWritten = true;
        }
      }

      @Override
      public void requestBodyEnd(Call c, long bytes) {
        p.bodyWritten = true;
      }

      @Override
      public void responseHeadersEnd(Call c, Response r) {
        p.answerHead = true;
      }
    };
  }

  /** False when the server closed the idle connection or sent something nobody asked for. */
  private static boolean stillOpen(Socket s) {
    try {
      int before = s.getSoTimeout();
      try {
        s.setSoTimeout(1);
        s.getInputStream().read(); // end of stream or unasked bytes: either way unusable
        return false;
      } finally {
        s.setSoTimeout(before);
      }
    } catch (SocketTimeoutException e) {
      return true; // nothing to read: open and quiet, as an idle connection should be
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // it is being discarded
    }
  }
}
