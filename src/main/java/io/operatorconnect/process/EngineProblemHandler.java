package io.operatorconnect.process;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Engine failures met by our API: a scenario that breaks while it runs (an unknown variable in an
 * expression, say) is the analyst's to fix, so the problem names it; a concurrent change of the same
 * instance is worth a retry.
 */
@RestControllerAdvice(basePackages = "io.operatorconnect")
@Order(Ordered.HIGHEST_PRECEDENCE)
class EngineProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(EngineProblemHandler.class);

  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail concurrentChange(OptimisticLockingException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "the dialog's scenario was changed at the same moment by something else; send the request again");
    problem.setTitle("Concurrent change");
    return problem;
  }

  @ExceptionHandler(ProcessEngineException.class)
  ProblemDetail scenarioFailed(ProcessEngineException e) {
    log.warn("scenario failed while serving an API request", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
        "the scenario failed: " + e.getMessage() + "; fix the diagram, or see the server log");
    problem.setTitle("Scenario failed");
    return problem;
  }
}
