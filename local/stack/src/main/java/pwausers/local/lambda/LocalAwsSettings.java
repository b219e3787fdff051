package pwausers.local.lambda;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fills the gaps a local DynamoDB endpoint leaves: with an endpoint set but no region or credentials anywhere,
 * the SDK would refuse to start, although dynalite accepts any. Real AWS settings always win.
 */
public final class LocalAwsSettings {
    static final String LOCAL_REGION = "us-east-1";
    /** The SDK's system property for DynamoDB's endpoint; it takes precedence over AWS_ENDPOINT_URL_DYNAMODB. */
    static final String ENDPOINT_PROPERTY = "aws.endpointUrlDynamoDb";

    private LocalAwsSettings() {
    }

    public static String configuredEndpoint(Map<String, String> env) {
        String endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB");
        return endpoint != null && !endpoint.isBlank() ? endpoint : blankToNull(env.get("AWS_ENDPOINT_URL"));
    }

    public static void applyDefaultsForLocalEndpoint(Map<String, String> env, PrintStream err) {
        if (configuredEndpoint(env) == null) {
            err.println("pwa-users: no AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL is set and no ./pwa-users up is"
                    + " running: calling DynamoDB in AWS with your AWS settings");
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

    /**
     * Points every DynamoDB client built from the standard AWS settings (the functions' own) at a local engine,
     * with the region and dummy credentials it accepts: these system properties win over the environment.
     */
    public static void useLocalEngine(String endpoint) {
        System.setProperty(ENDPOINT_PROPERTY, endpoint);
        System.setProperty("aws.region", LOCAL_REGION);
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
