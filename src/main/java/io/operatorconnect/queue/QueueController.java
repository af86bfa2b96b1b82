package io.operatorconnect.queue;

import io.operatorconnect.dialog.Dialog;
import java.time.Clock;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/queue}: the In Queue folder in serving order, with each dialog's wait so far and still expected. */
@RestController
@RequestMapping("/api/queue")
class QueueController {

  private static final int SHOWN = 1000;

  private final QueueRepository queue;
  private final WaitEstimator waits;
  private final Clock clock;

  QueueController(QueueRepository queue, WaitEstimator waits, Clock clock) {
    this.queue = queue;
    this.waits = waits;
    this.clock = clock;
  }

  @GetMapping
  @Transactional(readOnly = true)
  List<QueueEntry> queue() {
    List<Dialog> queued = queue.queued(SHOWN);
    return QueueEntry.of(queued, waits.estimatedWaitSeconds(queued), clock.instant());
  }
}
