package fr.vigie.app.attribution.internal;

import fr.vigie.app.attribution.RequisitionTimes;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Instants in UTC for templates, {@code ${@utc.format(instant)}}: what foreign police read. */
@Component("utc")
class UtcTimes {

  public String format(Instant instant) {
    return RequisitionTimes.utc(instant);
  }
}
