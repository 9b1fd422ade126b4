package fr.vigie.app.intake.internal;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * What intake's Java migrations have in common: a version and a description given, no checksum
 * (the code is the migration), run in Flyway's transaction. Spring Boot hands every
 * {@link JavaMigration} bean to Flyway, which orders them with the SQL ones by version.
 */
abstract class IntakeJavaMigration implements JavaMigration {

  private final MigrationVersion version;
  private final String description;

  IntakeJavaMigration(String version, String description) {
    this.version = MigrationVersion.fromVersion(version);
    this.description = description;
  }

  @Override
  public MigrationVersion getVersion() {
    return version;
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }
}
