package io.operatorconnect.channel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 11: {@code oc_outbox.seq} loses the unique index V5 gave it. The identity column makes every value
 * unique already, and no query reads by it alone: the outbox's order is read through the indexes that end with it
 * (by dialog, by channel, the ready ones). Every delivery written paid for that index, and on PostgreSQL every
 * delivery's change of state too (an update of an indexed column writes a new entry in each index). A migration
 * in Java because the constraint's name is the database's own choice (PostgreSQL {@code oc_outbox_seq_key}, H2 a
 * generated one), which only the catalogue tells.
 */
@Component
class OutboxSeqWithoutIndex implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("11");
  }

  @Override
  public String getDescription() {
    return "outbox seq without index";
  }

  @Override
  public Integer getChecksum() {
    return 11;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    List<String> unique = new ArrayList<>();
    try (PreparedStatement constraints = connection.prepareStatement("""
        SELECT constraint_name FROM information_schema.table_constraints
        WHERE LOWER(table_name) = 'oc_outbox' AND table_schema = CURRENT_SCHEMA AND constraint_type = 'UNIQUE'""");
        ResultSet rows = constraints.executeQuery()) {
      while (rows.next()) {
        unique.add(rows.getString(1));
      }
    }
    if (unique.size() != 1) {
      throw new IllegalStateException("oc_outbox should have one unique constraint, on seq, before migration 11;"
          + " it has " + unique);
    }
    try (Statement drop = connection.createStatement()) {
      drop.execute("ALTER TABLE oc_outbox DROP CONSTRAINT \"" + unique.get(0).replace("\"", "\"\"") + "\"");
    }
  }
}
