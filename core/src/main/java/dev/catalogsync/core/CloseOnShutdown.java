package dev.catalogsync.core;

import java.util.concurrent.CountDownLatch;

/**
 * Closes a service when the JVM is told to stop (SIGTERM, Ctrl-C), for the services' own mains. The
 * latch opens once it is closed: main waits on it, so the JVM ends only after the close.
 */
public final class CloseOnShutdown {
  private CloseOnShutdown() {}

  /** Installs the hook; the returned latch opens once {@code service} is closed. */
  public static CountDownLatch install(AutoCloseable service, String threadName) {
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    System.err.println("closing on shutdown failed: " + ErrorText.oneLine(e));
                  } finally {
                    closed.countDown();
                  }
                },
                threadName));
    return closed;
  }
}
