package fr.vigie.app.units;

import fr.vigie.app.units.internal.JdbcUnits;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who is responsible for what: the units and the département each one covers. */
@Service
public class UnitDirectory {

  private final JdbcUnits units;

  UnitDirectory(JdbcUnits units) {
    this.units = units;
  }

  /** Returns every unit, central office first, then by name. */
  public List<Unit> units() {
    return units.findAll();
  }

  public Optional<Unit> unit(String code) {
    return units.findByCode(code);
  }

  /** Returns every département in INSEE order with its responsible unit. */
  public List<Departement> departements() {
    return units.findDepartements();
  }

  /** Returns the unit responsible for a département, if the code is known. */
  public Optional<Unit> responsibleFor(String departementCode) {
    return units.findResponsibleUnit(departementCode);
  }

  /**
   * Makes the unit responsible for the département; returns false when there is no such
   * département. The records already assigned stay where they are: moving them is the caller's.
   */
  @Transactional
  public boolean setResponsibleUnit(String departementCode, long unitId) {
    return units.setResponsibleUnit(departementCode, unitId);
  }
}
