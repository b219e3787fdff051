package pwausers.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import pwausers.function.api.HttpRequest;
import pwausers.function.api.InvalidEventException;
import pwausers.function.api.ProxyEventCodec;
import pwausers.function.api.PwaUsersApi;
import pwausers.function.domain.AddPwaUser;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.DeletePwaUser;
import pwausers.function.domain.GetPwaUser;
import pwausers.function.domain.Limits;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.domain.SecureRandomIds;
import pwausers.function.log.RequestLog;
import pwausers.function.store.DynamoDbClients;
import pwausers.function.store.DynamoDbIdempotencyStore;
import pwausers.function.store.DynamoDbPwaUserStore;
import pwausers.function.domain.IdempotencyStore;
import pwausers.function.domain.PwaUserStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry point ({@code pwausers.function.AddPwaUserHandler::handleRequest}): event in, plain request,
 * {@link PwaUsersApi} (which routes it to its use case: add, read or delete an entry), response out, one log line.
 * Everything costly (the DynamoDB client above all) is built once, when Lambda constructs the handler.
 */
public final class AddPwaUserHandler implements RequestStreamHandler {
    private final PwaUsersApi api;
    /** Lambda's SnapStart hooks; held here because CRaC holds them weakly. Null unless initialised for SnapStart. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final SnapStartPriming priming;

    /**
     * Used by Lambda: settings from the environment, the DynamoDB client from the standard AWS settings, and the
     * SnapStart hooks (priming before the snapshot, fresh random state after a restore).
     */
    public AddPwaUserHandler() {
        Configuration configuration = Configuration.fromEnvironment();
        SecureRandomIds ids = PwaUserIds.secureRandom();
        StartupWarmUp.startUnlessSnapStart(configuration, ids); // in parallel with the client's construction
        DynamoDbClient client = DynamoDbClients.standard();
        DynamoDbPwaUserStore store = new DynamoDbPwaUserStore(client, configuration.tableName());
        this.api = api(configuration, store,
                new DynamoDbIdempotencyStore(client, configuration.idempotencyTableName()), ids, Clock.systemUTC());
        this.priming = SnapStartPriming.SNAP_START.equals(System.getenv(SnapStartPriming.INITIALIZATION_TYPE))
                ? SnapStartPriming.register(configuration, store, ids) : null;
    }

    /**
     * Used by the local stack: the function's settings and its AWS settings (endpoint, region, credentials; see
     * {@link DynamoDbClients#fromEnvironment}) from the environment it gives the function, the rest from the SDK's
     * default chains. Nothing process-wide: several handlers with different engines run in one JVM.
     */
    public AddPwaUserHandler(Map<String, String> environment) {
        this(Configuration.from(environment), DynamoDbClients.fromEnvironment(environment));
    }

    /** Used by the tests: a client pointed at a local engine. */
    public AddPwaUserHandler(Configuration configuration, DynamoDbClient client) {
        this(configuration, new DynamoDbPwaUserStore(client, configuration.tableName()),
                new DynamoDbIdempotencyStore(client, configuration.idempotencyTableName()), PwaUserIds.secureRandom(),
                Clock.systemUTC());
    }

    public AddPwaUserHandler(Configuration configuration, PwaUserStore store, IdempotencyStore idempotency,
                             PwaUserIds ids, Clock clock) {
        this.api = api(configuration, store, idempotency, ids, clock);
        this.priming = null;
    }

    private static PwaUsersApi api(Configuration configuration, PwaUserStore store, IdempotencyStore idempotency,
                                   PwaUserIds ids, Clock clock) {
        return new PwaUsersApi(new AddPwaUser(store, idempotency, ids, clock), new GetPwaUser(store),
                new DeletePwaUser(store), configuration.allowedOrigin());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        Deadline deadline = context == null ? Deadline.none()
                : Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(Limits.ANSWER_MARGIN));
        String requestId = context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId() : UUID.randomUUID().toString();
        HttpRequest request = null;
        PwaUsersApi.Outcome outcome;
        try {
            request = ProxyEventCodec.read(input.readAllBytes());
            outcome = api.handle(request, requestId, deadline);
        } catch (InvalidEventException e) {
            outcome = api.invalidEvent(e);
        }
        output.write(ProxyEventCodec.write(outcome.response()));
        String line = RequestLog.line(requestId, request, outcome.response().statusCode(), System.nanoTime() - start,
                outcome.failure());
        if (context != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.out.println(line);
        }
    }
}
