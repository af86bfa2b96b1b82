package io.operatorconnect.queue;

import io.operatorconnect.dialog.DialogRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/queue}: the In Queue folder in serving order. */
@RestController
@RequestMapping("/api/queue")
class QueueController {

  private static final int SHOWN = 1000;

  private final DialogRepository dialogs;
  private final Clock clock;

  QueueController(DialogRepository dialogs, Clock clock) {
    this.dialogs = dialogs;
    this.clock = clock;
  }

  @GetMapping
  @Transactional(readOnly = true)
  List<QueueEntry> queue() {
    return QueueEntry.of(dialogs.queued(SHOWN), clock.instant());
  }
}
