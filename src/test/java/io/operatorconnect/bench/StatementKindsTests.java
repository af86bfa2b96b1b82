package io.operatorconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The benchmark's sorting of statements by kind and share: what its breakdown per path rests on. */
class StatementKindsTests {

  @Test
  void namesEachStatementByItsVerbAndTable() {
    assertThat(StatementCount.kindOf("insert into ACT_HI_VARINST ( ID_, PROC_DEF_KEY_ ) values ( ?, ? )"))
        .isEqualTo("insert ACT_HI_VARINST");
    assertThat(StatementCount.kindOf("update ACT_RU_VARIABLE set REV_ = ?, TEXT_ = ? where ID_ = ? and REV_ = ?"))
        .isEqualTo("update ACT_RU_VARIABLE");
    assertThat(StatementCount.kindOf("delete from ACT_RU_EXECUTION where ID_ = ? and REV_ = ?"))
        .isEqualTo("delete ACT_RU_EXECUTION");
    assertThat(StatementCount.kindOf("\n  SELECT o.id, (SELECT COUNT(*) FROM oc_dialog d WHERE d.operator_id = o.id)"
        + "\n  FROM oc_operator o WHERE o.id IN (SELECT operator_id FROM oc_operator_group)"))
        .as("a select is named by its own FROM, not by a subquery's")
        .isEqualTo("select OC_OPERATOR");
    assertThat(StatementCount.kindOf("select * from ACT_RE_PROCDEF p1 inner join (select KEY_ from ACT_RE_PROCDEF R)"))
        .isEqualTo("select ACT_RE_PROCDEF");
    assertThat(StatementCount.kindOf("select HPI.FROM_X, HPI.VALIDFROM from ACT_HI_PROCINST HPI where HPI.ID_ = ?"))
        .as("columns whose names hold 'from' are not the FROM")
        .isEqualTo("select ACT_HI_PROCINST");
    assertThat(StatementCount.kindOf("SELECT * FROM oc_dialog WHERE id = ? FOR UPDATE")).isEqualTo("select OC_DIALOG");
    assertThat(StatementCount.kindOf("UPDATE oc_operator SET active_dialogs = active_dialogs + 1 WHERE id = ?"))
        .isEqualTo("update OC_OPERATOR");
    assertThat(StatementCount.kindOf("CALL SOMETHING()")).isEqualTo("other");
  }

  @Test
  void putsEachKindInItsShare() {
    assertThat(PathStatements.shareOf("insert ACT_RU_VARIABLE")).isEqualTo(PathStatements.VARIABLES);
    assertThat(PathStatements.shareOf("update ACT_HI_VARINST")).isEqualTo(PathStatements.VARIABLES);
    assertThat(PathStatements.shareOf("insert ACT_HI_DETAIL")).isEqualTo(PathStatements.VARIABLES);
    assertThat(PathStatements.shareOf("insert ACT_HI_ACTINST")).isEqualTo(PathStatements.ENGINE);
    assertThat(PathStatements.shareOf("select OC_DIALOG")).isEqualTo(PathStatements.OURS);
    assertThat(PathStatements.shareOf("other")).isEqualTo(PathStatements.OTHER);
  }

  @Test
  void addsAPathsKindsUpByShareNamingEveryShare() {
    PathStatements.Path path = new PathStatements.Path(6, new TreeMap<>(Map.of("insert ACT_RU_VARIABLE", 2L,
        "insert ACT_HI_VARINST", 2L, "insert ACT_HI_ACTINST", 2L)));

    assertThat(path.byShare()).containsExactlyInAnyOrderEntriesOf(Map.of(PathStatements.VARIABLES, 4L,
        PathStatements.ENGINE, 2L, PathStatements.OURS, 0L));
  }
}
