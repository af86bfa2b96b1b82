package io.operatorconnect.system;

/** Something the request names does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
