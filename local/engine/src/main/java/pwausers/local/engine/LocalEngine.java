package pwausers.local.engine;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB engine on this machine, as a process the caller starts and stops: {@link Dynalite} (the local stack's),
 * or moto (a second implementation, for tests that must not depend on one engine's quirks: MotoServer, in this
 * module's test jar).
 */
public interface LocalEngine extends AutoCloseable {
    /** The region local engines' clients sign for (the engines accept any). */
    Region REGION = Region.US_EAST_1;
    /** The credentials local engines' clients sign with (the engines accept any). */
    AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("local", "local");

    /** The endpoint to give a DynamoDB client, http://127.0.0.1:PORT. */
    URI endpoint();

    /** A client of this engine, made on first use and closed with the engine. */
    DynamoDbClient client();

    /** Stops the engine and closes its client. Idempotent. */
    @Override
    void close();

    /** A new client of an engine at this endpoint, with the local region and credentials. */
    static DynamoDbClient clientOf(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
