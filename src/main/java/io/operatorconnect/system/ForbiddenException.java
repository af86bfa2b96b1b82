package io.operatorconnect.system;

/** The caller is signed in but may not do this (HTTP 403); the message says why. */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
