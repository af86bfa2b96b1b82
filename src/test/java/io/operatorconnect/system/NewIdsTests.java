package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewIdsTests {

  @Test
  void shouldMakeVersion7IdsThatSortInTheOrderTheyWereMade() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(NewIds.next());
      Thread.sleep(2);
    }

    assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    assertThat(ids).isSorted().doesNotHaveDuplicates();
  }
}
