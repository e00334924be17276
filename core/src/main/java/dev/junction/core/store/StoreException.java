package dev.junction.core.store;

/** The store could not be read or written (I/O, corruption, a closed store). */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
