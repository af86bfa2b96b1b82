package io.operatorconnect.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@link BrowserTest}s only where the system's Chromium and its driver are installed, unless they
 * are required (CI), in which case they always run and fail loudly without them.
 */
public class BrowserAvailable implements ExecutionCondition {

  static final String REQUIRED = "operator-connect.test.browser";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (required()) {
      return ConditionEvaluationResult.enabled("browser tests are required");
    }
    String missing = Browser.missing();
    return missing == null
        ? ConditionEvaluationResult.enabled("Chromium and chromedriver are installed")
        : ConditionEvaluationResult.disabled(missing + "; install the Debian packages chromium and chromium-driver"
            + " (.ci/run does) to run the browser tests");
  }

  static boolean required() {
    return "required".equals(System.getProperty(REQUIRED)) || "required".equals(System.getenv("OC_TEST_BROWSER"));
  }

  static boolean executable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}
