package pwausers.bench.http;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import pwausers.function.contract.PwaUsersTable;

/**
 * The function's PutItem as a bare HTTP POST, with no SDK: the same item (fresh 22-character id, the names, the
 * time), the same condition, a well-formed SigV4 header (dynalite checks its shape, not the signature). The floor
 * under every figure: what DynamoDB's wire protocol costs on this engine.
 */
public final class RawPutItem implements Closeable {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final RawHttpConnection connection;
    private final String table;
    private final String headers;

    public RawPutItem(URI endpoint, String table) throws IOException {
        this.connection = new RawHttpConnection(endpoint);
        this.table = table;
        String date = AMZ_DATE.format(Instant.now());
        this.headers = "Content-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                + "X-Amz-Date: " + date + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=x/" + date.substring(0, 8)
                + "/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                + "Signature=" + "0".repeat(64) + "\r\n";
    }

    /** One PutItem of a fresh item; returns the HTTP status (200 when stored). */
    public int put() throws IOException {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String body = "{\"TableName\":\"" + table + "\",\"Item\":{\"" + PwaUsersTable.ID + "\":{\"S\":\"" + id + "\"},"
                + "\"" + PwaUsersTable.FIRSTNAME + "\":{\"S\":\"Mickey\"},"
                + "\"" + PwaUsersTable.LASTNAME + "\":{\"S\":\"Mouse\"},"
                + "\"" + PwaUsersTable.CREATED_AT + "\":{\"S\":\"" + Instant.now() + "\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(#id)\","
                + "\"ExpressionAttributeNames\":{\"#id\":\"" + PwaUsersTable.ID + "\"},"
                + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}";
        return connection.post("/", headers, body.getBytes(StandardCharsets.UTF_8)).status();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
