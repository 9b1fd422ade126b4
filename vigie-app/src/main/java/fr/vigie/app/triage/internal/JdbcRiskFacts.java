package fr.vigie.app.triage.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.storage.Timestamps;
import fr.vigie.app.triage.RiskFacts;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code suspect_risk_facts}: one row per suspect, replaced on each save. */
@Repository
public class JdbcRiskFacts {

  private final JdbcClient jdbc;

  JdbcRiskFacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<RiskFacts> find(long suspectId) {
    return jdbc.sql("select * from suspect_risk_facts where suspect_id = ?").param(suspectId)
        .query((rs, n) -> {
          LocalDate born = rs.getObject("date_of_birth", LocalDate.class);
          return new RiskFacts(rs.getBoolean("works_with_children"),
              rs.getBoolean("children_in_household"), rs.getBoolean("volunteers_with_children"),
              rs.getBoolean("prior_sexual_conviction"), rs.getBoolean("registry_entry"),
              rs.getBoolean("other_convictions"), rs.getBoolean("self_produced_indicator"),
              born, rs.getString("note"),
              rs.getString("updated_by"), Timestamps.instant(rs, "updated_at"));
        }).optional();
  }

  public void save(long suspectId, RiskFacts f) {
    jdbc.sql("delete from suspect_risk_facts where suspect_id = ?").param(suspectId).update();
    jdbc.sql("""
        insert into suspect_risk_facts (suspect_id, works_with_children, children_in_household,
          volunteers_with_children, prior_sexual_conviction, registry_entry, other_convictions,
          self_produced_indicator, date_of_birth, note, updated_by, updated_at)
        values (:id, :works, :household, :volunteers, :prior, :registry, :other, :produced,
          :born, :note, :by, :at)
        """)
        .param("id", suspectId).param("works", f.worksWithChildren())
        .param("household", f.childrenInHousehold())
        .param("volunteers", f.volunteersWithChildren())
        .param("prior", f.priorSexualConviction()).param("registry", f.registryEntry())
        .param("other", f.otherConvictions()).param("produced", f.selfProducedIndicator())
        .param("born", f.dateOfBirth())
        .param("note", f.note()).param("by", f.updatedBy()).param("at", utc(f.updatedAt()))
        .update();
  }
}
