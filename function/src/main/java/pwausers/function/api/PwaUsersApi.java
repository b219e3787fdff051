package pwausers.function.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.Limits;
import pwausers.function.contract.ResponseFields;
import pwausers.function.contract.Routes;
import pwausers.function.domain.AddPwaUser;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.DeletePwaUser;
import pwausers.function.domain.GetPwaUser;
import pwausers.function.domain.IdempotencyConflictException;
import pwausers.function.domain.IdempotencyKey;
import pwausers.function.domain.InvalidInputException;
import pwausers.function.domain.NewPwaUser;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.StoreUnavailableException;
import pwausers.function.json.Json;

/**
 * The HTTP API.
 * <ul>
 * <li>{@code POST /pwausers} with {@code {"fname": "...", "lname": "..."}} answers 201 with the new entry and its
 * {@code Location}. With an {@code Idempotency-Key} header, a retry answers as the first request did (same id,
 * nothing written again, {@code Idempotent-Replayed: true}); while the first is in flight, 409; with another
 * payload, 422.
 * <li>{@code GET /pwausers/{id}} answers 200 with the entry; {@code DELETE /pwausers/{id}} erases it and answers
 * 204. No entry with that id: 404; an id that cannot be one: 400. Their answers are never cached
 * ({@code Cache-Control: no-store}): they are about one person's data.
 * </ul>
 * Every refusal is a JSON {@code {"Message": ...}} with its 4xx status, before anything is written or deleted; a
 * server-side failure is a JSON {@code {"Error": ..., "Reference": <request id>}} with 503 (retry later) or 500.
 * Every answer carries CORS headers.
 */
public final class PwaUsersApi {
    private static final String ENTRY_PREFIX = Routes.RESOURCE_PATH + "/";
    private static final String EXPOSED_HEADERS = String.join(", ",
            HeaderNames.LOCATION, HeaderNames.RETRY_AFTER, HeaderNames.IDEMPOTENT_REPLAYED);

    /**
     * A 503 to a submission whose write may have landed: it must not claim that nothing was stored, and a retry without
     * a key would store a second entry; with the same Idempotency-Key it answers as the first write did.
     */
    static final String MAY_HAVE_BEEN_STORED = "The service is busy or unreachable, and the entry may have been stored."
            + " Retrying with the same Idempotency-Key is safe: it stores the entry at most once";

    private final AddPwaUser addPwaUser;
    private final GetPwaUser getPwaUser;
    private final DeletePwaUser deletePwaUser;
    private final String allowedOrigin;

    public PwaUsersApi(AddPwaUser addPwaUser, GetPwaUser getPwaUser, DeletePwaUser deletePwaUser,
                       String allowedOrigin) {
        this.addPwaUser = addPwaUser;
        this.getPwaUser = getPwaUser;
        this.deletePwaUser = deletePwaUser;
        this.allowedOrigin = allowedOrigin;
    }

    /** What came of a request: the response, and the failure behind it if any (for the log, never the client). */
    public record Outcome(HttpResponse response, Throwable failure) {
    }

    /** @param deadline when the answer must be ready (Lambda's timeout, less a margin): no store call outlasts it */
    public Outcome handle(HttpRequest request, String requestId, Deadline deadline) {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        boolean entry = path.startsWith(ENTRY_PREFIX);
        Outcome outcome = route(request, path, entry, requestId, deadline);
        if (!entry) {
            return outcome;
        }
        Map<String, String> headers = new LinkedHashMap<>(outcome.response().headers());
        headers.put(HeaderNames.CACHE_CONTROL, "no-store"); // one person's data (or its absence): never kept by a cache
        return new Outcome(new HttpResponse(outcome.response().statusCode(), headers, outcome.response().body()),
                outcome.failure());
    }

    private Outcome route(HttpRequest request, String path, boolean entry, String requestId, Deadline deadline) {
        try {
            if (entry) {
                return new Outcome(entry(request, path.substring(ENTRY_PREFIX.length()), deadline), null);
            }
            if (!Routes.RESOURCE_PATH.equals(path)) {
                throw new HttpError(404, "No resource at this path; submissions go to POST " + Routes.RESOURCE_PATH);
            }
            return new Outcome(submit(request, deadline), null);
        } catch (HttpError e) {
            return new Outcome(message(e.status(), e.getMessage(), null, e.headers()), e);
        } catch (InvalidInputException e) {
            return new Outcome(message(400, e.getMessage(), e.field(), Map.of()), e);
        } catch (IdempotencyConflictException e) {
            return new Outcome(e.inFlight()
                    ? message(409, e.getMessage(), null, Map.of(HeaderNames.RETRY_AFTER, seconds(e.retryAfter())))
                    : message(422, e.getMessage(), null, Map.of()), e);
        } catch (StoreUnavailableException e) {
            String error = !entry && e.outcomeUnknown() ? MAY_HAVE_BEEN_STORED
                    : "The service is busy or unreachable; please retry shortly";
            return new Outcome(serverError(503, error, requestId,
                    Map.of(HeaderNames.RETRY_AFTER, Integer.toString(Limits.RETRY_AFTER_SECONDS))), e);
        } catch (RuntimeException e) {
            String failed = !entry ? "saved" : "GET".equals(request.method()) ? "read" : "deleted";
            return new Outcome(serverError(500, "The entry could not be " + failed, requestId, Map.of()), e);
        }
    }

    /** A Retry-After in whole seconds, rounded up, at least 1: a retry sent then finds the lock lapsed. */
    private static String seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }

    /** The answer to an invocation whose event is not an HTTP request at all. */
    public Outcome invalidEvent(InvalidEventException e) {
        return new Outcome(message(400, "The event is not an API Gateway or Function URL HTTP event", null, Map.of()), e);
    }

    /** {@code POST /pwausers}. */
    private HttpResponse submit(HttpRequest request, Deadline deadline) {
        if (!"POST".equals(request.method())) {
            throw new HttpError(405, "Method " + request.method() + " is not allowed on " + Routes.RESOURCE_PATH
                    + "; use POST", Map.of(HeaderNames.ALLOW, "POST"));
        }
        if (!isJson(request.header(HeaderNames.CONTENT_TYPE))) {
            throw new HttpError(415, "Content-Type must be application/json");
        }
        String keyHeader = request.header(HeaderNames.IDEMPOTENCY_KEY);
        IdempotencyKey key = keyHeader == null ? null : new IdempotencyKey(keyHeader);
        NewPwaUser submission = SubmissionParser.parse(bodyText(request));
        return created(addPwaUser.add(submission, key, deadline));
    }

    /** {@code GET} or {@code DELETE /pwausers/{id}}. */
    private HttpResponse entry(HttpRequest request, String id, Deadline deadline) {
        switch (request.method()) {
            case "GET" -> {
                return found(getPwaUser.get(id, deadline).orElseThrow(PwaUsersApi::noSuchEntry));
            }
            case "DELETE" -> {
                if (!deletePwaUser.delete(id, deadline)) {
                    throw noSuchEntry();
                }
                Map<String, String> headers = headers();
                headers.remove(HeaderNames.CONTENT_TYPE); // no content
                return new HttpResponse(204, headers, "");
            }
            default -> throw new HttpError(405, "Method " + request.method() + " is not allowed on " + Routes.ENTRY_PATH
                    + "; use GET or DELETE", Map.of(HeaderNames.ALLOW, "GET, DELETE"));
        }
    }

    private static HttpError noSuchEntry() {
        return new HttpError(404, "No entry with this id");
    }

    /** A missing Content-Type is taken as JSON, as in the Lambda console's test event; any other type is refused. */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || mediaType.startsWith("application/") && mediaType.endsWith("+json");
    }

    private static String bodyText(HttpRequest request) {
        String body = request.body();
        if (body == null || body.isEmpty()) {
            throw new HttpError(400, "Request body is required: a JSON object with fname and lname");
        }
        if (!request.base64Encoded()) {
            if (utf8Length(body) > Limits.MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        }
        if (body.length() > (Limits.MAX_BODY_BYTES + 2) / 3 * 4 + 4) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "Request body is marked base64-encoded but is not valid base64");
        }
        if (bytes.length > Limits.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            throw new HttpError(400, "Request body is required: a JSON object with fname and lname");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "Request body must be UTF-8 text");
        }
    }

    private static HttpError tooLarge() {
        return new HttpError(413, "Request body must be at most " + Limits.MAX_BODY_BYTES + " bytes");
    }

    /** UTF-8 size of a string, counted without encoding it. */
    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private HttpResponse created(AddPwaUser.Added added) {
        PwaUser user = added.user();
        String body = Json.object()
                .field(ResponseFields.ID, user.id())
                .field(ResponseFields.FIRSTNAME, user.firstname())
                .field(ResponseFields.LASTNAME, user.lastname())
                .field(ResponseFields.MESSAGE, ResponseFields.CREATED_MESSAGE)
                .text();
        Map<String, String> headers = headers();
        headers.put(HeaderNames.LOCATION, Routes.RESOURCE_PATH + "/" + user.id());
        if (added.replayed()) {
            headers.put(HeaderNames.IDEMPOTENT_REPLAYED, "true");
        }
        return new HttpResponse(201, headers, body);
    }

    private HttpResponse found(PwaUser user) {
        String body = Json.object()
                .field(ResponseFields.ID, user.id())
                .field(ResponseFields.FIRSTNAME, user.firstname())
                .field(ResponseFields.LASTNAME, user.lastname())
                .field(ResponseFields.CREATED_AT, user.createdAt() == null ? null : user.createdAt().toString())
                .text();
        return new HttpResponse(200, headers(), body);
    }

    private HttpResponse message(int status, String message, String field, Map<String, String> extraHeaders) {
        Json.ObjectWriter json = Json.object().field(ResponseFields.MESSAGE, message);
        if (field != null) {
            json.field(ResponseFields.FIELD, field);
        }
        Map<String, String> headers = headers();
        headers.putAll(extraHeaders);
        return new HttpResponse(status, headers, json.text());
    }

    private HttpResponse serverError(int status, String error, String reference, Map<String, String> extraHeaders) {
        String body = Json.object().field(ResponseFields.ERROR, error).field(ResponseFields.REFERENCE, reference).text();
        Map<String, String> headers = headers();
        headers.putAll(extraHeaders);
        return new HttpResponse(status, headers, body);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HeaderNames.ALLOW_ORIGIN, allowedOrigin);
        headers.put(HeaderNames.EXPOSE_HEADERS, EXPOSED_HEADERS); // readable by a page on another origin
        headers.put(HeaderNames.CONTENT_TYPE, "application/json");
        return headers;
    }
}
