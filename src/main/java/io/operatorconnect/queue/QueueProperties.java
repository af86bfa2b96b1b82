package io.operatorconnect.queue;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code operator-connect.queue.*}
 *
 * @param sweepInterval how often every node serves whatever a crash between commit and dispatch left waiting
 * @param pageSize      how many queued dialogs the dispatcher reads at a time
 */
@Validated
@ConfigurationProperties("operator-connect.queue")
public record QueueProperties(@DefaultValue("10s") Duration sweepInterval,
    @DefaultValue("200") @Positive int pageSize) {
}
