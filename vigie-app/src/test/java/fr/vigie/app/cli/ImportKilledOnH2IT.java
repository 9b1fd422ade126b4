package fr.vigie.app.cli;

import fr.vigie.app.support.TestDatabases;
import java.nio.file.Files;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class ImportKilledOnH2IT extends ImportKilledContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshH2(registry);
  }

  @Override
  Target freshTarget() throws Exception {
    var home = Files.createDirectories(temp.resolve("child-home"));
    // The URL ./vigie derives from its home; mixed mode lets this test read while the child runs.
    // Read only once the child holds it open (its lock file names its server): this test must
    // never be the process that opens, or creates, the database.
    return new Target("jdbc:h2:file:" + home.resolve("db/vigie") + ";MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;IFEXISTS=TRUE",
        "vigie", "", List.of(), home,
        () -> Files.exists(home.resolve("db/vigie.lock.db")));
  }
}
