package io.operatorconnect.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code operator-connect.queue.*}
 *
 * @param sweepInterval how often every node serves whatever a crash between commit and dispatch left waiting
 * @param pageSize      how many queued dialogs one pass of the dispatcher reads at a time
 */
@ConfigurationProperties("operator-connect.queue")
public record QueueProperties(@DefaultValue("10s") Duration sweepInterval, @DefaultValue("200") int pageSize) {
}
