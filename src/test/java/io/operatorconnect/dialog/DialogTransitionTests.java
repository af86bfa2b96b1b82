package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every change of state, from every state to every state: the allowed ones and the refused ones. */
class DialogTransitionTests {

  /** The allowed changes, written out one by one: what the table must say, and nothing more. */
  static final Set<String> ALLOWED = Set.of(
      "WAIT BOT->REQUESTED", "WAIT BOT->QUEUED", "WAIT REQUESTED->REQUESTED", "WAIT REQUESTED->QUEUED",
      "WAIT QUEUED->REQUESTED", "WAIT QUEUED->QUEUED",
      "TAKE_OVER BOT->TAKEN_OVER", "TAKE_OVER REQUESTED->TAKEN_OVER", "TAKE_OVER QUEUED->TAKEN_OVER",
      "HAND_OVER REQUESTED->TAKEN_OVER", "HAND_OVER QUEUED->TAKEN_OVER", "HAND_OVER TAKEN_OVER->TAKEN_OVER",
      "REQUEUE QUEUED->QUEUED", "REQUEUE TAKEN_OVER->QUEUED",
      "BACK_TO_BOT REQUESTED->BOT", "BACK_TO_BOT QUEUED->BOT", "BACK_TO_BOT TAKEN_OVER->BOT",
      "CLOSE BOT->CLOSED", "CLOSE REQUESTED->CLOSED", "CLOSE QUEUED->CLOSED", "CLOSE TAKEN_OVER->CLOSED");

  @Test
  void shouldAllowExactlyTheListedChangesAndRefuseEveryOther() {
    List<String> allowed = new ArrayList<>();
    for (DialogTransition transition : DialogTransition.values()) {
      for (DialogState from : DialogState.values()) {
        for (DialogState to : DialogState.values()) {
          // when
          boolean allows = transition.allows(from, to);
          Dialog dialog = dialog(from);

          // then: allows and require say the same
          if (allows) {
            allowed.add(transition + " " + from + "->" + to);
            assertThatCode(() -> transition.require(dialog, to)).doesNotThrowAnyException();
          } else {
            assertThatThrownBy(() -> transition.require(dialog, to)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dialog d-1 cannot " + transition + " from " + from + " to " + to);
          }
        }
      }
    }
    assertThat(allowed).containsExactlyInAnyOrderElementsOf(ALLOWED);
  }

  private static Dialog dialog(DialogState state) {
    return new Dialog("d-1", "telegram", "client-1", "support_chat", "instance-1", state, null, null, null, null,
        null, null, false, 0, null, Instant.EPOCH, null, null, null, null);
  }
}
