package io.operatorconnect.system;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Thrown while reading a request body that exceeds {@code operator-connect.api.max-body-size}. */
class BodyTooLarge extends IOException {

  private final long limit;

  BodyTooLarge(long limit) {
    super("request body too large");
    this.limit = limit;
  }

  ProblemDetail problem() {
    return problem(limit);
  }

  static ProblemDetail problem(long limit) {
    return ProblemHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
        "the request body is larger than " + limit + " bytes; send less (operator-connect.api.max-body-size)");
  }

  /** The first {@link BodyTooLarge} in the cause chain, or null. */
  static BodyTooLarge in(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyTooLarge tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }
}
