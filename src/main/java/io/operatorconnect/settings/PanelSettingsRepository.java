package io.operatorconnect.settings;

import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.system.TransactionMemo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The single row of {@code oc_panel_settings}. */
@Repository
public class PanelSettingsRepository {

  private final JdbcClient jdbc;

  PanelSettingsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The settings in force; read once per transaction ({@link TransactionMemo}). */
  public PanelSettings get() {
    return TransactionMemo.get(PanelSettingsRepository.class, "settings", () -> jdbc.sql(
            "SELECT auto_connect, distribution_method, redistribute_on_offline FROM oc_panel_settings WHERE id = 1")
        .query((rs, n) -> new PanelSettings(rs.getBoolean("auto_connect"),
            DistributionMethod.valueOf(rs.getString("distribution_method")), rs.getBoolean("redistribute_on_offline")))
        .single());
  }

  void save(PanelSettings settings) {
    TransactionMemo.forget(PanelSettingsRepository.class);
    jdbc.sql("UPDATE oc_panel_settings SET auto_connect = ?, distribution_method = ?, redistribute_on_offline = ? WHERE id = 1")
        .params(settings.autoConnect(), settings.distributionMethod().name(), settings.redistributeOnOffline())
        .update();
  }
}
