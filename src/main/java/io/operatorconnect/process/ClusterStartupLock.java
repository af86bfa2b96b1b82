package io.operatorconnect.process;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Lets nodes that start together on one PostgreSQL build the engine one at a time: creating the
 * engine's schema, writing its installation properties and deploying the {@code processes/} folder
 * are not safe to run twice at once on an empty database. The engine is built only once this bean
 * holds a PostgreSQL advisory lock ({@link EngineAfterFlyway} orders it), and the lock is let go
 * when the application is ready, or fails to start. The database frees it by itself if the node
 * dies. H2 (one node only) needs no lock.
 */
@Component(ClusterStartupLock.BEAN)
class ClusterStartupLock implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  static final String BEAN = "clusterStartupLock";
  /** Any constant shared by all nodes: "OpCo" in ASCII. */
  private static final long KEY = 0x4F70436FL;
  private static final Logger log = LoggerFactory.getLogger(ClusterStartupLock.class);

  private Connection connection;

  ClusterStartupLock(DataSource dataSource) throws SQLException {
    Connection candidate = dataSource.getConnection();
    if (!"PostgreSQL".equals(candidate.getMetaData().getDatabaseProductName())) {
      candidate.close();
      return;
    }
    connection = candidate;
    try (Statement statement = connection.createStatement()) {
      if (!tryLock(statement)) {
        log.info("another node is starting on this database; waiting for it to finish");
        statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
      }
    } catch (SQLException e) {
      release();
      throw e;
    }
  }

  private static boolean tryLock(Statement statement) throws SQLException {
    try (ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
      return result.next() && result.getBoolean(1);
    }
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    release();
  }

  @Override
  public void destroy() {
    release();
  }

  private synchronized void release() {
    if (connection == null) {
      return;
    }
    try (Connection held = connection; Statement statement = held.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
    } catch (SQLException e) {
      log.warn("could not let go of the startup lock; closing the connection frees it: {}", e.toString());
    } finally {
      connection = null;
    }
  }
}
