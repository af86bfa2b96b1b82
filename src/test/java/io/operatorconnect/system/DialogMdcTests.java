package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The dialog's id in the logging context: put for a block, and what was there before comes back. */
class DialogMdcTests {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void shouldPutTheDialogIdForTheBlockOnly() {
    // when / then
    try (var ignored = DialogMdc.put("d-1")) {
      assertThat(MDC.get("dialog_id")).isEqualTo("d-1");
    }
    assertThat(MDC.get("dialog_id")).isNull();
  }

  @Test
  void shouldRestoreTheOuterDialogWhenANestedScopeCloses() {
    // given a request about d-1, inside which an engine listener opens a scope of its own
    try (var outer = DialogMdc.put("d-1")) {
      try (var inner = DialogMdc.put("d-2")) {
        assertThat(MDC.get("dialog_id")).isEqualTo("d-2");
      }

      // then the rest of the request is about d-1 again
      assertThat(MDC.get("dialog_id")).isEqualTo("d-1");
    }
    assertThat(MDC.get("dialog_id")).isNull();
  }

  @Test
  void shouldChangeNothingForNoDialog() {
    // given
    try (var outer = DialogMdc.put("d-1")) {
      // when
      try (var none = DialogMdc.put(null)) {
        // then
        assertThat(MDC.get("dialog_id")).isEqualTo("d-1");
      }
      assertThat(MDC.get("dialog_id")).isEqualTo("d-1");
    }
  }
}
