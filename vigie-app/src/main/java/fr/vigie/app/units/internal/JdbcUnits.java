package fr.vigie.app.units.internal;

import fr.vigie.app.units.Departement;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over the tables {@code units} and {@code departements}. */
@Repository
public class JdbcUnits {

  private static final String UNIT_COLUMNS = "u.id, u.code, u.name, u.kind, u.city";

  private final JdbcClient jdbc;

  JdbcUnits(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Unit> findAll() {
    return jdbc.sql("""
        select %s from units u
        order by case u.kind when 'CENTRAL_OFFICE' then 0 else 1 end, u.name
        """.formatted(UNIT_COLUMNS))
        .query(JdbcUnits::unit).list();
  }

  public Optional<Unit> findByCode(String code) {
    return jdbc.sql("select %s from units u where u.code = ?".formatted(UNIT_COLUMNS))
        .param(code).query(JdbcUnits::unit).optional();
  }

  public Optional<Unit> findResponsibleUnit(String departementCode) {
    return jdbc.sql("""
        select %s from departements d join units u on u.id = d.unit_id
        where d.code = ?
        """.formatted(UNIT_COLUMNS))
        .param(departementCode).query(JdbcUnits::unit).optional();
  }

  public List<Departement> findDepartements() {
    // INSEE order: two-character codes (01..95, 2A, 2B in their place) before overseas 971..976.
    return jdbc.sql("""
        select d.code, d.name, d.region_name, u.code as unit_code, u.name as unit_name
        from departements d join units u on u.id = d.unit_id
        order by length(d.code), replace(replace(d.code, '2A', '20A'), '2B', '20B')
        """)
        .query((rs, n) -> new Departement(rs.getString("code"), rs.getString("name"),
            rs.getString("region_name"), rs.getString("unit_code"), rs.getString("unit_name")))
        .list();
  }

  /** Gives the département to the unit; returns false when there is no such département. */
  public boolean setResponsibleUnit(String departementCode, long unitId) {
    return jdbc.sql("update departements set unit_id = ? where code = ?")
        .params(unitId, departementCode).update() == 1;
  }

  private static Unit unit(ResultSet rs, int n) throws SQLException {
    return new Unit(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
        UnitKind.valueOf(rs.getString("kind")), rs.getString("city"));
  }
}
