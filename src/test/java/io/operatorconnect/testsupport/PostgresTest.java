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
 * Like {@link OperatorConnectTest}, but on PostgreSQL ({@code application-postgres-test.yaml}). Runs
 * when PostgreSQL answers at the configured address, and always under {@code .ci/run}, which sets
 * {@code OC_TEST_POSTGRES=required} so that a missing database fails the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles({"test", "postgres-test"})
@Import({TestDriver.class, AssignmentAudit.class, CommitFaults.class})
@ExtendWith(CleanDatabaseExtension.class)
public @interface PostgresTest {
}
