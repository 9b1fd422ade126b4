package fr.vigie.app.matching.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.matching.KnownMatch;
import fr.vigie.app.matching.StoredMatch;
import fr.vigie.app.storage.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code matches}: one row per media item and hash entry, kept when it stops counting. */
@Repository
public class JdbcMatches {

  private final JdbcClient jdbc;

  JdbcMatches(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Makes the media item's active matches exactly {@code matches}: new ones are inserted, ones
   * seen again are made active, and earlier ones no longer found are made inactive (history
   * stays). Running it twice gives the same rows.
   */
  public void replaceActive(long mediaId, List<KnownMatch> matches, Instant at) {
    jdbc.sql("update matches set active = false where media_id = ?").param(mediaId).update();
    for (KnownMatch m : matches) {
      int updated = jdbc.sql("""
          update matches set active = true, distance = ?, dihedral = ?, category = ?
          where media_id = ? and entry_id = ?
          """)
          .params(m.distance(), m.dihedral(), m.category(), mediaId, m.entryId()).update();
      if (updated == 0) {
        jdbc.sql("""
            insert into matches (media_id, entry_id, set_id, algorithm, distance, dihedral,
              category, active, matched_at)
            values (?, ?, ?, ?, ?, ?, ?, true, ?)
            """)
            .params(mediaId, m.entryId(), m.setId(), m.algorithm(), m.distance(), m.dihedral(),
                m.category(), utc(at))
            .update();
      }
    }
  }

  public List<StoredMatch> ofMedia(long mediaId) {
    return jdbc.sql("""
        select s.name, s.version, s.authority, m.algorithm, m.distance, m.dihedral, m.category,
          e.series, m.active, m.matched_at
        from matches m join hash_sets s on s.id = m.set_id join hash_entries e on e.id = m.entry_id
        where m.media_id = ?
        order by m.active desc, m.category desc, m.distance, m.id
        """)
        .param(mediaId)
        .query((rs, n) -> new StoredMatch(rs.getString("name"), rs.getString("version"),
            rs.getString("authority"), rs.getString("algorithm"), rs.getInt("distance"),
            rs.getString("dihedral"), rs.getInt("category"), rs.getString("series"),
            rs.getBoolean("active"), Timestamps.instant(rs, "matched_at")))
        .list();
  }

  public long countActive() {
    return jdbc.sql("select count(*) from matches where active").query(Long.class).single();
  }
}
