package io.operatorconnect.system;

/** The request itself is invalid in a way Bean Validation cannot express (HTTP 400). */
public class BadRequestException extends RuntimeException {

  public BadRequestException(String message) {
    super(message);
  }
}
