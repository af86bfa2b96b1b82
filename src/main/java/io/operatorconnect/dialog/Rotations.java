package io.operatorconnect.dialog;

import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Where each round-robin rotation stands: the operator it served last, per subject. */
@Repository
class Rotations {

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  Rotations(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  Optional<String> lastServed(String subject) {
    return jdbc.sql("SELECT last_operator_id FROM oc_rotation WHERE scope = ?").param(scope(subject))
        .query(String.class).optional();
  }

  void served(String subject, String operatorId) {
    String scope = scope(subject);
    if (jdbc.sql("UPDATE oc_rotation SET last_operator_id = ? WHERE scope = ?").params(operatorId, scope).update() > 0) {
      return;
    }
    try {
      // A savepoint keeps a lost insert race from aborting the whole (PostgreSQL) transaction.
      savepoint.executeWithoutResult(status -> jdbc
          .sql("INSERT INTO oc_rotation (scope, last_operator_id) VALUES (?, ?)").params(scope, operatorId).update());
    } catch (DuplicateKeyException raced) {
      jdbc.sql("UPDATE oc_rotation SET last_operator_id = ? WHERE scope = ?").params(operatorId, scope).update();
    }
  }

  private static String scope(String subject) {
    return subject == null ? "" : subject;
  }
}
