package fr.vigie.app.storage.internal;

import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.app.storage.DatabaseServer;
import fr.vigie.app.storage.OpenedEmbeddedServer;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Vigie's one database: the server {@code spring.datasource.url} ({@code VIGIE_DB_URL}) names,
 * or else the embedded PostgreSQL of the data folder, which a command line may have opened
 * already ({@link OpenedEmbeddedServer}) to report a failure in one line.
 *
 * <p>The pool depends on the server, so Spring closes the pool first and then the server's lease:
 * the last Vigie process to leave stops the embedded server only once its connections are gone.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean(destroyMethod = "close")
  DatabaseServer databaseServer(DataSourceProperties properties,
      @Value("${vigie.home}") Path home, ObjectProvider<OpenedEmbeddedServer> opened) {
    String url = properties.getUrl();
    if (url != null && !url.isBlank()) {
      return new DatabaseServer.External(url, properties.getUsername(),
          properties.getPassword());
    }
    OpenedEmbeddedServer handedOver = opened.getIfAvailable();
    return handedOver != null ? handedOver.server()
        : DatabaseServer.Embedded.open(home.toAbsolutePath());
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(DatabaseServer server) {
    // Not properties.initializeDataSourceBuilder(): it refuses an empty URL before we can give ours.
    return DataSourceBuilder.create(getClass().getClassLoader()).type(HikariDataSource.class)
        .driverClassName("org.postgresql.Driver")
        .url(server.url()).username(server.user()).password(server.password()).build();
  }
}
