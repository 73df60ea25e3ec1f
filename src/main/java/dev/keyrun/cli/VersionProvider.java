package dev.keyrun.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads keyrun's version from the jar manifest, so that it is set in one place (pom.xml). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "keyrun " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
