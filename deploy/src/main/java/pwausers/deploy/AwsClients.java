package pwausers.deploy;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients of a deploy, with the user's credentials and region as the SDK finds them (environment, profile,
 * instance role). Endpoints are the SDK's own too, so AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_S3,
 * AWS_ENDPOINT_URL_CLOUDFRONT, AWS_ENDPOINT_URL_CLOUDFORMATION point them elsewhere (the tests use moto); S3 is then
 * addressed by path, as endpoints other than AWS's need.
 */
final class AwsClients implements AutoCloseable {
    private final Region region;
    private final S3Client s3;
    private final CloudFrontClient cloudFront;
    private final CloudFormationClient cloudFormation;

    private AwsClients(CloudFormationClient cloudFormation, boolean endpointSet) {
        this.cloudFormation = cloudFormation;
        this.region = cloudFormation.serviceClientConfiguration().region();
        this.s3 = S3Client.builder().region(region).httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(endpointSet).build();
        this.cloudFront = CloudFrontClient.builder().region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Clients for the region and credentials the SDK finds.
     *
     * @throws DeployException when it finds no region or no credentials, saying how to give them
     */
    static AwsClients open(Map<String, String> env) {
        CloudFormationClient cloudFormation;
        try { // a client finds the region as the SDK does (environment, profile, instance metadata), or refuses
            cloudFormation = CloudFormationClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        } catch (SdkClientException e) {
            throw new DeployException("No AWS region: set AWS_REGION (or AWS_PROFILE with a region), or run aws configure.");
        }
        try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            cloudFormation.close();
            throw new DeployException("No AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                    + " or run aws configure (or aws sso login).");
        }
        boolean endpointSet = env.keySet().stream().anyMatch(name -> name.equals("AWS_ENDPOINT_URL")
                || name.equals("AWS_ENDPOINT_URL_S3"));
        return new AwsClients(cloudFormation, endpointSet);
    }

    Region region() {
        return region;
    }

    S3Client s3() {
        return s3;
    }

    CloudFrontClient cloudFront() {
        return cloudFront;
    }

    CloudFormationClient cloudFormation() {
        return cloudFormation;
    }

    @Override
    public void close() {
        s3.close();
        cloudFront.close();
        cloudFormation.close();
    }
}
