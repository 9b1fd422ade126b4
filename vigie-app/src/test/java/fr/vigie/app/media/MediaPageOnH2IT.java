package fr.vigie.app.media;

import fr.vigie.app.support.TestDatabases;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=" + MediaPageContract.REPORTS,
        "vigie.demo.images=" + MediaPageContract.IMAGES, "vigie.jobs.worker-enabled=false"})
@AutoConfigureMockMvc
class MediaPageOnH2IT extends MediaPageContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshH2(registry);
  }
}
