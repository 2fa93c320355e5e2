package dev.secupass.samples.web.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay in front of the web sample that records every byte a browser sends to it: request
 * lines, headers and bodies, whatever the route. The browser opens {@link #origin()}; the
 * recording is what the server received, so a test can search it for what must never arrive.
 */
public final class RecordingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final List<Socket> sockets = new ArrayList<>();

  public RecordingProxy(int targetPort) {
    this.target = targetPort;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getByName("localhost"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "recording-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The address the browser opens, without the trailing slash. */
  public String origin() {
    return "http://localhost:" + listener.getLocalPort();
  }

  /** Everything browsers sent so far, in the order it arrived on each connection. */
  public byte[] received() {
    synchronized (received) {
      return received.toByteArray();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket browser = listener.accept();
        Socket server = new Socket(listener.getInetAddress(), target);
        synchronized (sockets) {
          sockets.add(browser);
          sockets.add(server);
        }
        pump(browser, server, true);
        pump(server, browser, false);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean record) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (record) {
            synchronized (received) {
              received.write(buffer, 0, n);
            }
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException ended) {
        // one side closed the connection
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "recording-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing
    }
    synchronized (sockets) {
      sockets.forEach(RecordingProxy::closeQuietly);
    }
  }
}
