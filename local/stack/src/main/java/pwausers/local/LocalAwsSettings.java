package pwausers.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fills the gaps a local DynamoDB endpoint leaves: with an endpoint set but no region or credentials anywhere,
 * the SDK would refuse to start, although dynalite accepts any. Real AWS settings always win.
 */
final class LocalAwsSettings {
    static final String LOCAL_REGION = "us-east-1";

    private LocalAwsSettings() {
    }

    static String configuredEndpoint(Map<String, String> env) {
        String endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB");
        return endpoint != null && !endpoint.isBlank() ? endpoint : blankToNull(env.get("AWS_ENDPOINT_URL"));
    }

    static void applyDefaultsForLocalEndpoint(Map<String, String> env, PrintStream err) {
        if (configuredEndpoint(env) == null) {
            err.println("pwa-users: no AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL is set: calling DynamoDB in AWS"
                    + " with your AWS settings");
            return;
        }
        boolean hasConfigFile = Files.exists(Path.of(System.getProperty("user.home"), ".aws", "config"));
        if (blankToNull(env.get("AWS_REGION")) == null && blankToNull(env.get("AWS_DEFAULT_REGION")) == null
                && !hasConfigFile && System.getProperty("aws.region") == null) {
            System.setProperty("aws.region", LOCAL_REGION);
        }
        boolean hasCredentialsFile = Files.exists(Path.of(System.getProperty("user.home"), ".aws", "credentials"));
        if (blankToNull(env.get("AWS_ACCESS_KEY_ID")) == null && blankToNull(env.get("AWS_PROFILE")) == null
                && !hasCredentialsFile && !hasConfigFile && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
