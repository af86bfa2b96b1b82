package io.operatorconnect.dialog;

import io.operatorconnect.system.ValidId;
import io.operatorconnect.security.Caller;

import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An operator's dialogs handed to others. */
@RestController
@RequestMapping("/api/operators/{id}")
class RedistributionController {

  private final Redistribution redistribution;

  RedistributionController(Redistribution redistribution) {
    this.redistribution = redistribution;
  }

  /** Hands this operator's open dialogs to other operators or the queue; where each went. */
  @PostMapping("/redistribute")
  List<Redistribution.Moved> redistribute(@PathVariable @ValidId String id) {
    Caller.current().requireSelfOrAdmin(id, "redistribute the dialogs");
    return redistribution.redistribute(id);
  }
}
