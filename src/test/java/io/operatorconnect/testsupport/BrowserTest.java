package io.operatorconnect.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Like {@link OperatorConnectTest} (and sharing its application context), for tests that drive the
 * operator panel in a real headless Chromium through {@link Browser}. Runs where Chromium and
 * chromedriver are installed, and always under {@code .ci/run}, which sets {@code OC_TEST_BROWSER=required}
 * so that a missing browser fails the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserAvailable.class)
@OperatorConnectTest
public @interface BrowserTest {
}
