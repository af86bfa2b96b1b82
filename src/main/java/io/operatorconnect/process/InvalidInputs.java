package io.operatorconnect.process;

/**
 * An action configured in a way that can never work. The message names the input and what would be
 * right: at run time it becomes the {@code error} outcome, at deployment a parse error.
 */
final class InvalidInputs extends RuntimeException {

  InvalidInputs(String message) {
    super(message);
  }
}
