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
import pwausers.function.domain.IdempotencyStore;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.domain.PwaUserStore;
import pwausers.function.domain.SecureRandomIds;
import pwausers.function.domain.StoreBounds;
import pwausers.function.log.RequestLog;
import pwausers.function.store.DynamoDbClients;
import pwausers.function.store.DynamoDbIdempotencyStore;
import pwausers.function.store.DynamoDbPwaUserStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry point ({@code pwausers.function.AddPwaUserHandler::handleRequest}): event in, plain request,
 * {@link PwaUsersApi} (which routes it to its use case: add, read or delete an entry), response out, one log line.
 * Everything costly (the DynamoDB client above all) is built once, when Lambda constructs the handler.
 *
 * <p>Lambda, and every tool that runs the function as Lambda does, uses the public no-argument constructor. Tests
 * use the one other seam, {@link #AddPwaUserHandler(Dependencies)}: the same handler on other collaborators.
 */
public final class AddPwaUserHandler implements RequestStreamHandler {
    private final PwaUsersApi api;
    private final RequestLog log;

    /**
     * What the handler runs on: its settings, its two stores, where ids come from and the clock.
     *
     * @param keys the Idempotency-Key records, or null for a handler that never sees a key (the warm-up's)
     */
    public record Dependencies(Configuration configuration, PwaUserStore users, IdempotencyStore keys, PwaUserIds ids,
                               Clock clock) {
        /** Both stores on this DynamoDB client, fresh secure ids, the system clock. */
        public static Dependencies on(Configuration configuration, DynamoDbClient client) {
            return new Dependencies(configuration, new DynamoDbPwaUserStore(client, configuration.tableName()),
                    new DynamoDbIdempotencyStore(client, configuration.idempotencyTableName()),
                    PwaUserIds.secureRandom(), Clock.systemUTC());
        }
    }

    /**
     * Used by Lambda: settings from the environment, the DynamoDB client from the SDK's default AWS settings, and,
     * for a SnapStart snapshot, priming hooks registered by the store that owns the client (priming before it, fresh
     * random state after a restore); otherwise the cold start's side work on a second thread.
     */
    public AddPwaUserHandler() {
        Map<String, String> environment = System.getenv();
        Configuration configuration = Configuration.from(environment);
        SecureRandomIds ids = PwaUserIds.secureRandom();
        boolean snapStart = InitializationType.isSnapStart(environment);
        if (!snapStart) {
            StartupWarmUp.start(configuration, ids); // in parallel with the client's construction
        }
        DynamoDbClient client = DynamoDbClients.standard();
        DynamoDbPwaUserStore users = new DynamoDbPwaUserStore(client, configuration.tableName());
        if (snapStart) {
            users.primeBeforeSnapshot(new SnapStartPriming(configuration, ids));
        }
        this.api = api(new Dependencies(configuration, users,
                new DynamoDbIdempotencyStore(client, configuration.idempotencyTableName()), ids, Clock.systemUTC()));
        this.log = log(configuration, Clock.systemUTC());
    }

    /** The handler on these collaborators: for tests (a store in memory, a client of a local engine, a clock). */
    public AddPwaUserHandler(Dependencies dependencies) {
        this.api = api(dependencies);
        this.log = log(dependencies.configuration(), dependencies.clock());
    }

    /** The use cases on the stores, each store call timed for the request's StoreLatency metric. */
    private static PwaUsersApi api(Dependencies d) {
        PwaUserStore users = new TimedPwaUserStore(d.users());
        IdempotencyStore keys = d.keys() == null ? null : new TimedIdempotencyStore(d.keys());
        return new PwaUsersApi(new AddPwaUser(users, keys, d.ids(), d.clock()), new GetPwaUser(users),
                new DeletePwaUser(users), d.configuration().allowedOrigin());
    }

    private static RequestLog log(Configuration configuration, Clock clock) {
        return new RequestLog(configuration.logLevel(), configuration.functionName(), clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        Deadline deadline = context == null ? Deadline.none()
                : Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(StoreBounds.ANSWER_MARGIN));
        String requestId = context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId() : UUID.randomUUID().toString();
        Answer answer = answer(input.readAllBytes(), requestId, start, deadline);
        output.write(answer.response());
        if (answer.logLine() == null) {
            return;
        }
        if (context != null) {
            answer.logLine().writeTo(context.getLogger());
        } else {
            System.out.print(answer.logLine().text());
        }
    }

    /** What an invocation answers, and its log line (null below the log level); neither written yet. */
    record Answer(byte[] response, RequestLog.Line logLine) {
    }

    /**
     * The whole request path but the writing: the cold start's warm-up and SnapStart's priming run it, and write
     * nothing (they are not requests).
     */
    Answer answer(byte[] event, String requestId, long start, Deadline deadline) {
        HttpRequest request = null;
        PwaUsersApi.Outcome outcome;
        try {
            Map<?, ?> fields = ProxyEventCodec.parse(event);
            if (ProxyEventCodec.isKeepActive(fields)) { // at once: no DynamoDB call, nothing written
                return new Answer(ProxyEventCodec.keepActiveAnswer(),
                        log.keepActiveLine(requestId, System.nanoTime() - start));
            }
            request = ProxyEventCodec.read(fields);
            outcome = api.handle(request, requestId, deadline);
        } catch (InvalidEventException e) {
            outcome = api.invalidEvent(e);
        }
        byte[] response = ProxyEventCodec.write(outcome.response(), request == null ? null : request.format());
        return new Answer(response, log.line(requestId, request, outcome, System.nanoTime() - start,
                deadline.storeNanos()));
    }
}
