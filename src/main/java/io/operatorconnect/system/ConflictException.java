package io.operatorconnect.system;

/** The request is well-formed but the current state does not allow it (HTTP 409). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
