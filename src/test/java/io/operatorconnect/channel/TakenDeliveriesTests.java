package io.operatorconnect.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The senders' outcomes recorded together: chains that end while one is being recorded go in the next statement,
 * every chain is recorded once, and a dialog is free for its next deliveries only once its chain is recorded (or
 * could not be: its claims expire then, and the dialog must not stay taken on this node for ever).
 */
class TakenDeliveriesTests {

  private static final Instant CLAIMED_UNTIL = Instant.parse("2026-12-07T10:00:30Z");

  private final ExecutorService senders = Executors.newFixedThreadPool(8);
  private final SendingDialogs sending = new SendingDialogs(8);
  private final AtomicInteger looks = new AtomicInteger();
  private final Timer latency = Timer.builder("latency").register(new SimpleMeterRegistry());

  @AfterEach
  void stop() {
    senders.shutdownNow();
  }

  @Test
  void shouldRecordTheChainsThatEndWhileOneIsRecordedInOneStatement() throws Exception {
    CountDownLatch othersEnded = new CountDownLatch(7);
    RecordingOutbox outbox = new RecordingOutbox(othersEnded);
    TakenDeliveries taken = new TakenDeliveries(outbox, Clock.systemUTC(), latency, sending, looks::incrementAndGet);
    for (int dialog = 0; dialog < 8; dialog++) {
      sending.takeClaimed("dialog-" + dialog);
    }

    senders.submit(() -> {
      sending.sent();
      taken.ended("dialog-0", chain("dialog-0", 2));
    });
    outbox.firstStarted.await(5, TimeUnit.SECONDS);
    for (int dialog = 1; dialog < 8; dialog++) {
      String id = "dialog-" + dialog;
      senders.submit(() -> {
        sending.sent();
        taken.ended(id, chain(id, 2));
        othersEnded.countDown();
      });
    }
    senders.shutdown();
    assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    // the first chain alone, then the seven that ended while it was being recorded, together
    assertThat(outbox.statements).extracting(List::size).containsExactly(2, 14);
    assertThat(outbox.statements.stream().flatMap(List::stream).map(claim -> claim.item().id()).distinct())
        .hasSize(16);
    assertThat(latency.count()).isEqualTo(16);
    for (int dialog = 0; dialog < 8; dialog++) {
      assertThat(sending.take("dialog-" + dialog)).isEqualTo(SendingDialogs.Take.TAKEN);
    }
  }

  @Test
  void shouldFreeTheDialogsOfChainsThatCouldNotBeRecordedAndAskForTheLookTheirNextDeliveriesWaitFor() {
    RecordingOutbox outbox = new RecordingOutbox(null) {
      @Override
      int delivered(List<Claimed> claims, int status, Instant now) {
        throw new org.springframework.dao.DataAccessResourceFailureException("the database went away");
      }
    };
    TakenDeliveries taken = new TakenDeliveries(outbox, Clock.systemUTC(), latency, sending, looks::incrementAndGet);
    sending.takeClaimed("dialog-1");
    assertThat(sending.take("dialog-1")).isEqualTo(SendingDialogs.Take.BEHIND_CHAIN);

    taken.ended("dialog-1", chain("dialog-1", 3));

    assertThat(latency.count()).isZero();
    assertThat(looks.get()).isEqualTo(1);
    assertThat(sending.take("dialog-1")).isEqualTo(SendingDialogs.Take.TAKEN);
  }

  @Test
  void shouldKeepADialogTakenUntilItsChainIsRecordedThoughItsSenderIsFreeAlready() {
    SendingDialogs two = new SendingDialogs(1);
    two.takeClaimed("dialog-1");
    assertThat(two.free()).isZero();

    two.sent();

    assertThat(two.free()).isEqualTo(1);
    assertThat(two.take("dialog-1")).isEqualTo(SendingDialogs.Take.BEHIND_CHAIN);
    assertThat(two.take("dialog-2")).isEqualTo(SendingDialogs.Take.TAKEN);
    assertThat(two.recorded("dialog-1")).as("its new deliveries wait for a look").isTrue();
    assertThat(two.take("dialog-1")).isEqualTo(SendingDialogs.Take.NO_SENDER);
  }

  @Test
  void shouldKeepADialogTakenWhileALookClaimedItsNextChainBeforeThePreviousOneWasMarkedRecorded() {
    sending.takeClaimed("dialog-1");
    sending.sent();
    sending.takeClaimed("dialog-1"); // a look on this node, between the record's commit and its end

    assertThat(sending.recorded("dialog-1")).isFalse();
    assertThat(sending.take("dialog-1")).isEqualTo(SendingDialogs.Take.BEHIND_CHAIN);
  }

  private static List<TakenDeliveries.Taken> chain(String dialogId, int deliveries) {
    List<TakenDeliveries.Taken> chain = new ArrayList<>();
    for (int i = 0; i < deliveries; i++) {
      OutboxItem item = new OutboxItem(dialogId + "-" + i, dialogId, "telegram", "client", ClientEventType.MESSAGE,
          Sender.BOT, "line " + i, null, null, Instant.parse("2026-12-07T10:00:00Z"));
      chain.add(new TakenDeliveries.Taken(new Outbox.Claimed(item, 1, CLAIMED_UNTIL), 204,
          Instant.parse("2026-12-07T10:00:01Z")));
    }
    return chain;
  }

  /** Records the deliveries of each statement; the first one waits until the other chains have ended. */
  private static class RecordingOutbox extends Outbox {

    final List<List<Claimed>> statements = new CopyOnWriteArrayList<>();
    final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch othersEnded;

    RecordingOutbox(CountDownLatch othersEnded) {
      super(null);
      this.othersEnded = othersEnded;
    }

    @Override
    int delivered(List<Claimed> claims, int status, Instant now) {
      statements.add(claims);
      if (firstStarted.getCount() > 0) {
        firstStarted.countDown();
        try {
          othersEnded.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return claims.size();
    }
  }
}
