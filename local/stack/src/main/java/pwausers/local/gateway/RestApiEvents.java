package pwausers.local.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import pwausers.local.template.LocalApi;
import pwausers.local.template.LocalValues;

/**
 * API Gateway REST proxy events (payload 1.0), written as API Gateway writes them: every field it sends, explicit
 * nulls included, straight from the HTTP request into JSON bytes; and the function's proxy answers, read as API
 * Gateway reads them.
 */
final class RestApiEvents {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectReader ANSWERS = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readerFor(ProxyAnswer.class);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** The identity fields API Gateway sends as null for an unauthenticated call, in its order. */
    private static final List<String> NULL_IDENTITY_BEFORE_IP =
            List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller");
    private static final List<String> NULL_IDENTITY_AFTER_IP =
            List.of("principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn");
    private static volatile RequestTime lastRequestTime = new RequestTime(0, "");

    private RestApiEvents() {
    }

    /** The request's time as API Gateway writes it, made once a second. */
    private record RequestTime(long epochSecond, String text) {
    }

    /** The proxy answer a function returns: statusCode, headers, multiValueHeaders, body, isBase64Encoded. */
    record ProxyAnswer(Integer statusCode, Map<String, String> headers, Map<String, List<String>> multiValueHeaders,
                       String body, @JsonProperty("isBase64Encoded") Boolean isBase64Encoded) {
        /** The body's bytes; throws IllegalArgumentException for a base64 body that is not base64. */
        byte[] bodyBytes() {
            String text = body == null ? "" : body;
            return Boolean.TRUE.equals(isBase64Encoded) ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The event of one request to a route.
     *
     * @param pathParameters the route's parameters in this request's path (empty when it has none)
     * @param body           the body's bytes, from 0 to bodyLength; sent as text when it is UTF-8, else base64-encoded
     */
    static byte[] event(Request request, String stage, LocalApi.Route route, Map<String, String> pathParameters,
                        String requestId, String resourceId, byte[] body, int bodyLength) {
        String text = bodyLength == 0 ? null : utf8(body, bodyLength);
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048 + bodyLength + bodyLength / 8);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            String path = request.getHttpURI().getPath(); // as sent, as API Gateway passes it on
            json.writeStartObject();
            json.writeStringField("resource", route.path());
            json.writeStringField("path", path);
            json.writeStringField("httpMethod", request.getMethod());
            headers(json, request);
            queryParameters(json, request);
            json.writeFieldName("pathParameters");
            stringMap(json, pathParameters);
            json.writeNullField("stageVariables");
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("resourceId", resourceId);
            json.writeStringField("resourcePath", route.path());
            json.writeStringField("httpMethod", request.getMethod());
            json.writeStringField("extendedRequestId", requestId);
            long now = System.currentTimeMillis();
            json.writeStringField("requestTime", requestTime(now));
            json.writeStringField("path", "/" + stage + path);
            json.writeStringField("accountId", LocalValues.ACCOUNT_ID);
            json.writeStringField("protocol", request.getConnectionMetaData().getProtocol());
            json.writeStringField("stage", stage);
            json.writeNumberField("requestTimeEpoch", now);
            json.writeStringField("requestId", requestId);
            json.writeObjectFieldStart("identity");
            for (String field : NULL_IDENTITY_BEFORE_IP) {
                json.writeNullField(field);
            }
            json.writeStringField("sourceIp", Request.getRemoteAddr(request));
            for (String field : NULL_IDENTITY_AFTER_IP) {
                json.writeNullField(field);
            }
            json.writeStringField("userAgent", request.getHeaders().get("User-Agent"));
            json.writeNullField("user");
            json.writeEndObject();
            json.writeStringField("domainName", request.getHeaders().get("Host"));
            json.writeStringField("apiId", "local");
            json.writeEndObject();
            if (bodyLength == 0) {
                json.writeNullField("body");
            } else {
                json.writeStringField("body", text != null ? text
                        : Base64.getEncoder().encodeToString(body.length == bodyLength ? body : java.util.Arrays.copyOf(body, bodyLength)));
            }
            json.writeBooleanField("isBase64Encoded", bodyLength > 0 && text == null);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the event", e); // into memory: cannot happen
        }
        return out.toByteArray();
    }

    /** The function's answer; null when it is not a proxy answer API Gateway takes (it then answers 502). */
    static ProxyAnswer answer(byte[] json) {
        try {
            ProxyAnswer answer = ANSWERS.readValue(json);
            Integer status = answer == null ? null : answer.statusCode();
            return status == null || status < 100 || status > 599 ? null : answer;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * headers (the last value of a repeated header, as API Gateway keeps it) and multiValueHeaders (every value), in
     * the order they came, straight from Jetty's fields: a request has a dozen headers, so looking for a repeated
     * one costs less than a map.
     */
    private static void headers(JsonGenerator json, Request request) throws IOException {
        HttpFields fields = request.getHeaders();
        List<HttpField> list = new ArrayList<>(fields.size());
        fields.forEach(list::add);
        json.writeObjectFieldStart("headers");
        for (int i = 0; i < list.size(); i++) {
            if (indexOf(list, list.get(i).getName(), i + 1) < 0) { // the last of its name
                json.writeStringField(list.get(i).getName(), list.get(i).getValue());
            }
        }
        json.writeEndObject();
        json.writeFieldName("multiValueHeaders");
        if (list.isEmpty()) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).getName();
            if (indexOf(list, name, 0) == i) { // the first of its name
                json.writeArrayFieldStart(name);
                for (int j = i; j >= 0; j = indexOf(list, name, j + 1)) {
                    json.writeString(list.get(j).getValue());
                }
                json.writeEndArray();
            }
        }
        json.writeEndObject();
    }

    /** The index of the first field with that name at or after from, or -1. */
    private static int indexOf(List<HttpField> fields, String name, int from) {
        for (int i = from; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** queryStringParameters and multiValueQueryStringParameters, null when there is no query. */
    private static void queryParameters(JsonGenerator json, Request request) throws IOException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (request.getHttpURI().getQuery() != null) {
            for (Fields.Field field : Request.extractQueryParameters(request, StandardCharsets.UTF_8)) {
                all.put(field.getName(), field.getValues());
            }
        }
        json.writeFieldName("queryStringParameters");
        if (all.isEmpty()) {
            json.writeNull();
        } else {
            json.writeStartObject();
            for (Map.Entry<String, List<String>> parameter : all.entrySet()) {
                json.writeStringField(parameter.getKey(), parameter.getValue().get(parameter.getValue().size() - 1));
            }
            json.writeEndObject();
        }
        json.writeFieldName("multiValueQueryStringParameters");
        listMap(json, all);
    }

    /** A map of strings, or null when empty (as API Gateway sends an absent map). */
    private static void stringMap(JsonGenerator json, Map<String, String> map) throws IOException {
        if (map.isEmpty()) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void listMap(JsonGenerator json, Map<String, List<String>> map) throws IOException {
        if (map.isEmpty()) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<String, List<String>> entry : map.entrySet()) {
            json.writeArrayFieldStart(entry.getKey());
            for (String value : entry.getValue()) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static String requestTime(long epochMillis) {
        long second = epochMillis / 1000;
        RequestTime last = lastRequestTime;
        if (last.epochSecond() != second) {
            last = new RequestTime(second, REQUEST_TIME.format(Instant.ofEpochSecond(second)));
            lastRequestTime = last;
        }
        return last.text();
    }

    /** The body as text if it is UTF-8; null if it is not (it is then sent base64-encoded, with isBase64Encoded). */
    private static String utf8(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
