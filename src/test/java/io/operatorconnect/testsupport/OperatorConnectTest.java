package io.operatorconnect.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on an in-memory H2 with the diagrams from {@code processes/}, on a random
 * port. Every test class with this annotation shares one Spring context (and one engine); the
 * database is emptied before each test by {@link CleanDatabaseExtension}. Metrics are exported as in
 * the application ({@code /actuator/prometheus}), which Spring Boot's tests turn off unless asked.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
@Import({TestDriver.class, AssignmentAudit.class, CommitFaults.class})
@ExtendWith(CleanDatabaseExtension.class)
public @interface OperatorConnectTest {
}
