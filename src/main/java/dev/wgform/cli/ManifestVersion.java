package dev.wgform.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest's Implementation-Version; "dev" when run from classes (tests, IDE). */
final class ManifestVersion implements IVersionProvider {
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"wgform " + version()};
    }
}
