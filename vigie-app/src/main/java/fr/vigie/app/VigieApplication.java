package fr.vigie.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring application. It is started by the {@code serve} and {@code demo} commands (and by
 * commands that need the database); {@link fr.vigie.app.cli.VigieCommand} is the entry point.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigieApplication {}
