package io.operatorconnect.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link TransactionMemo}: an answer is loaded once per transaction, until its owner forgets it. */
@OperatorConnectTest
class TransactionMemoTests {

  @Autowired
  PlatformTransactionManager transactions;

  private final AtomicInteger loads = new AtomicInteger();

  @Test
  void shouldLoadAnAnswerOncePerTransactionUntilItsOwnerForgetsIt() {
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    transaction.executeWithoutResult(status -> {
      // when one transaction asks twice, and for another key
      assertThat(answer("a")).isEqualTo("a1");
      assertThat(answer("a")).isEqualTo("a1");
      assertThat(answer("b")).isEqualTo("b2");
      // then each key was loaded once; forgotten, it is loaded again
      TransactionMemo.forget(TransactionMemoTests.class);
      assertThat(answer("a")).isEqualTo("a3");
      // and another owner's forgetting leaves it alone
      TransactionMemo.forget(String.class);
      assertThat(answer("a")).isEqualTo("a3");
    });
    // a new transaction loads afresh
    String next = transaction.execute(status -> answer("a"));
    assertThat(next).isEqualTo("a4");
  }

  @Test
  void shouldLoadEveryTimeOutsideATransactionAndInANewTransactionInsideOne() {
    assertThat(answer("a")).isEqualTo("a1");
    assertThat(answer("a")).isEqualTo("a2");

    TransactionTemplate outer = new TransactionTemplate(transactions);
    TransactionTemplate inner = new TransactionTemplate(transactions);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    outer.executeWithoutResult(status -> {
      assertThat(answer("a")).isEqualTo("a3");
      String inNew = inner.execute(in -> answer("a"));
      assertThat(inNew).isEqualTo("a4");
      // the outer transaction's answer survives the inner one
      assertThat(answer("a")).isEqualTo("a3");
    });
  }

  private String answer(String key) {
    return TransactionMemo.get(TransactionMemoTests.class, key, () -> key + loads.incrementAndGet());
  }
}
