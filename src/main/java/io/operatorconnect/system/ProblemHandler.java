package io.operatorconnect.system;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of our HTTP API into an RFC 9457 problem document whose {@code detail} tells a
 * person what to change.
 */
// Not limited to our packages: a path or method no controller matches (404, 405) has no handler,
// so a package-limited advice never saw it and Spring Boot answered with its plain JSON error.
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Not allowed in the current state", e.getMessage());
  }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler(BadRequestException.class)
  ProblemDetail badRequest(BadRequestException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
  }

  /** Anything unforeseen: a problem document all the same, with the details in the log only. */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    logger.error("unexpected error while serving an API request", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "the request failed on the server (" + e.getClass().getSimpleName() + "); the server log has the details");
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraintViolation(ConstraintViolationException e) {
    String detail = e.getConstraintViolations().stream()
        .map(violation -> lastNode(violation.getPropertyPath().toString()) + ": " + violation.getMessage())
        .sorted()
        .collect(Collectors.joining("; "));
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<String> errors = e.getBindingResult().getFieldErrors().stream()
        .map(error -> error.getField() + ": " + error.getDefaultMessage())
        .sorted()
        .toList();
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request body", String.join("; ", errors));
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // Named by the parameter ("id: must be ..."), as body fields are, so the caller knows what to fix.
    // A body's errors are named by its fields, as when the body alone is validated.
    String detail = e.getParameterValidationResults().stream()
        .flatMap(result -> result instanceof ParameterErrors body
            ? body.getFieldErrors().stream().map(error -> error.getField() + ": " + error.getDefaultMessage())
            : result.getResolvableErrors().stream()
                .map(error -> result.getMethodParameter().getParameterName() + ": " + error.getDefaultMessage()))
        .sorted()
        .collect(Collectors.joining("; "));
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    BodyTooLarge tooLarge = BodyTooLarge.in(e);
    if (tooLarge != null) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge.problem());
    }
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request body", readable(e)));
  }

  private static String readable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'; known fields: "
          + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }
    if (cause instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
      return path(invalid) + ": '" + invalid.getValue() + "' is not one of "
          + List.of(invalid.getTargetType().getEnumConstants());
    }
    if (cause instanceof MismatchedInputException mismatched && mismatched.getPath().isEmpty()) {
      return "the body must be a JSON object with the documented fields";
    }
    if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
        && !(mismatched instanceof InvalidFormatException invalid && invalid.getValue() == null)) {
      // Jackson's own words name its classes ("Cannot construct instance of java.util.HashSet"): say what the
      // field takes, in JSON's terms, and what it got. (A refusal without a value is one of ours, system.PlainText:
      // its own words stand.)
      return path(mismatched) + ": expected " + JsonKinds.expected(mismatched.getTargetType())
          + JsonKinds.found(mismatched);
    }
    if (cause instanceof JsonMappingException mapping) {
      return (mapping.getPath().isEmpty() ? "" : path(mapping) + ": ") + mapping.getOriginalMessage();
    }
    if (cause != null && cause.getMessage() != null) {
      return "the body is not valid JSON: " + firstLine(cause.getMessage());
    }
    return "the request body is missing or not valid JSON";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String lastNode(String propertyPath) {
    return propertyPath.substring(propertyPath.lastIndexOf('.') + 1);
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
