package dev.catalogsync.core;

/** How catalog-sync puts an error in words for a person: one line, its root cause included. */
public final class ErrorText {
  private ErrorText() {}

  /** The error's own message, with its root cause when that adds something, on one line. */
  public static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage();
    String cause = root.getMessage();
    if (message == null || message.isBlank()) {
      message = cause == null || cause.isBlank() ? e.getClass().getSimpleName() : cause;
    } else if (root != e && cause != null && !cause.isBlank() && !message.contains(cause)) {
      message = message + ": " + cause;
    }
    return message.replace('\n', ' ').trim();
  }
}
