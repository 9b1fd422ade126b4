package fr.vigie.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar (build-info), without starting Spring. */
final class VigieVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    Properties info = new Properties();
    try (InputStream in = VigieVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
      if (in != null) {
        info.load(in);
      }
    } catch (IOException e) {
      // the version line then says "development build", which is the truth
    }
    String version = info.getProperty("build.version", "development build");
    String built = info.getProperty("build.time", "unknown time");
    return new String[] {
        "Vigie " + version + " (built " + built + ")",
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
  }
}
