package io.promdr.cli.command;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of promdr: the jar manifest's Implementation-Version (set by the Maven build), or,
 * when running from a classes directory (tests, IDE), the version Maven wrote into version.properties.
 */
public final class VersionProvider implements IVersionProvider {

    public static String version() {
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/promdr/cli/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: a missing version is not worth failing --version for
        }
        return "unknown";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"promdr " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
