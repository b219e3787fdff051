package pwausers.local.lambda;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import pwausers.local.template.LocalValues;

/**
 * The AWS settings a locally run function gets in its environment, as Lambda gives them to it: region, credentials
 * and, for a local engine, the DynamoDB endpoint ({@code AWS_ENDPOINT_URL_DYNAMODB}). They go to the function through
 * its environment map, never through this process's system properties, so that several stacks (and tests) can run in
 * one JVM, each with its own engine.
 */
public final class LocalAwsSettings {
    /** The endpoint variable of DynamoDB, which the SDK reads; AWS_ENDPOINT_URL applies to every service. */
    public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";
    static final String ANY_ENDPOINT = "AWS_ENDPOINT_URL";
    /** A local engine accepts any credentials: these say where they come from. */
    static final String LOCAL_CREDENTIAL = "local";

    private LocalAwsSettings() {
    }

    /** The DynamoDB endpoint the shell's environment names, if any. */
    public static String configuredEndpoint(Map<String, String> env) {
        String endpoint = blankToNull(env.get(DYNAMODB_ENDPOINT));
        return endpoint != null ? endpoint : blankToNull(env.get(ANY_ENDPOINT));
    }

    /** A local engine: its endpoint, the local region and credentials it accepts. */
    public static Map<String, String> localEngine(URI endpoint) {
        return settings(endpoint.toString(), LocalValues.REGION, LOCAL_CREDENTIAL, LOCAL_CREDENTIAL, null);
    }

    /**
     * An engine the shell names ({@link #configuredEndpoint}): the region and credentials the shell's AWS settings
     * give (its variables, ~/.aws), or the local ones where it gives none, since a local engine accepts any.
     */
    public static Map<String, String> shellEngine(Map<String, String> env) {
        String endpoint = configuredEndpoint(env);
        AwsCredentials credentials = credentials().orElse(null);
        return settings(endpoint, region().orElse(LocalValues.REGION),
                credentials == null ? LOCAL_CREDENTIAL : credentials.accessKeyId(),
                credentials == null ? LOCAL_CREDENTIAL : credentials.secretAccessKey(),
                credentials instanceof AwsSessionCredentials session ? session.sessionToken() : null);
    }

    /**
     * DynamoDB in AWS: the region and credentials of the shell's AWS settings (its variables, ~/.aws), resolved here
     * and given to the function as Lambda gives a function its role's credentials, as SAM CLI does.
     *
     * @throws IllegalStateException if no region or no credentials are configured
     */
    public static Map<String, String> aws() {
        String region = region().orElseThrow(() -> new IllegalStateException(
                "no AWS region is configured (AWS_REGION, AWS_DEFAULT_REGION or ~/.aws/config)"));
        AwsCredentials credentials = credentials().orElseThrow(() -> new IllegalStateException(
                "no AWS credentials are configured (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ~/.aws)"));
        return settings(null, region, credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials instanceof AwsSessionCredentials session ? session.sessionToken() : null);
    }

    private static Map<String, String> settings(String endpoint, String region, String accessKeyId, String secretKey,
                                                String sessionToken) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (endpoint != null) {
            settings.put(DYNAMODB_ENDPOINT, endpoint);
        }
        settings.put("AWS_REGION", region);
        settings.put("AWS_DEFAULT_REGION", region);
        settings.put("AWS_ACCESS_KEY_ID", accessKeyId);
        settings.put("AWS_SECRET_ACCESS_KEY", secretKey);
        if (sessionToken != null) {
            settings.put("AWS_SESSION_TOKEN", sessionToken);
        }
        return settings;
    }

    /**
     * The region as the SDK finds it, but never from EC2's metadata: the {@code aws.region} property,
     * {@code AWS_REGION}, the profile's {@code region} in ~/.aws/config ({@code AWS_PROFILE}, else default), then
     * {@code AWS_DEFAULT_REGION}, which the aws CLI reads.
     */
    private static Optional<String> region() {
        Optional<String> set = Optional.ofNullable(blankToNull(System.getProperty("aws.region")))
                .or(() -> Optional.ofNullable(blankToNull(System.getenv("AWS_REGION"))));
        if (set.isPresent()) {
            return set;
        }
        String profile = Optional.ofNullable(blankToNull(System.getProperty("aws.profile")))
                .or(() -> Optional.ofNullable(blankToNull(System.getenv("AWS_PROFILE")))).orElse("default");
        try {
            Optional<String> fromProfile = ProfileFile.defaultProfileFile().profile(profile)
                    .flatMap(p -> p.property(ProfileProperty.REGION));
            if (fromProfile.isPresent()) {
                return fromProfile;
            }
        } catch (RuntimeException unreadable) {
            // a broken ~/.aws/config gives no region, as to the SDK's own chain
        }
        return Optional.ofNullable(blankToNull(System.getenv("AWS_DEFAULT_REGION")));
    }

    /** Credentials from the system settings or the profile; never from EC2's or a container's metadata. */
    private static Optional<AwsCredentials> credentials() {
        try (AwsCredentialsProviderChain chain = AwsCredentialsProviderChain.builder()
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(), ProfileCredentialsProvider.create())
                .reuseLastProviderEnabled(false).build()) {
            return Optional.of(chain.resolveCredentials());
        } catch (SdkClientException none) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
