package io.operatorconnect.system;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.ResourceHolderSupport;

/**
 * Answers a transaction looks up more than once (the panel's settings, whether a client is banned,
 * whether a subject exists) kept for the rest of that transaction, the way it keeps the rows it has
 * read: a scenario's second connect action in the same step asks the database nothing it asked a
 * moment ago. The repository that answers forgets its answers when it changes what they came from.
 * Outside a transaction every look-up goes to the database.
 */
public final class TransactionMemo {

  private TransactionMemo() {
  }

  /** The answer to {@code key} of {@code owner}'s, remembered in this transaction, or loaded now. */
  @SuppressWarnings("unchecked")
  public static <T> T get(Class<?> owner, Object key, Supplier<T> load) {
    Answers answers = answers();
    if (answers == null) {
      return load.get();
    }
    Map<Object, Object> ofOwner = answers.byOwner.computeIfAbsent(owner, o -> new HashMap<>());
    if (ofOwner.containsKey(key)) {
      return (T) ofOwner.get(key);
    }
    T answer = load.get();
    ofOwner.put(key, answer);
    return answer;
  }

  /** Forgets every answer of {@code owner}'s in this transaction: what they came from has changed. */
  public static void forget(Class<?> owner) {
    Answers answers = answers();
    if (answers != null) {
      answers.byOwner.remove(owner);
    }
  }

  private static Answers answers() {
    return TransactionResources.holder(Answers.class, Answers::new);
  }

  /** One transaction's answers, by the repository that gave them; bound to it as a transaction resource. */
  private static final class Answers extends ResourceHolderSupport {

    private final Map<Class<?>, Map<Object, Object>> byOwner = new HashMap<>();
  }
}
