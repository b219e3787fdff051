package pwausers.function.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pwausers.function.testing.Invocation.event;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.HeaderNames;

class ProxyEventCodecTest {
    @Test
    void readsTheWorkshopEvent_asAPayload1Request() {
        HttpRequest request = read(event("workshop-test-event.json"));

        assertThat(request.format()).isEqualTo(PayloadFormat.REST_V1);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/pwausers");
        assertThat(request.body()).isEqualTo("{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}");
        assertThat(request.base64Encoded()).isFalse();
        assertThat(request.headers()).isEmpty();
    }

    @Test
    void readsAPayload2Event_withHeadersCaseInsensitive() {
        HttpRequest request = read(event("http-api-v2-post-pwausers.json"));

        assertThat(request.format()).isEqualTo(PayloadFormat.HTTP_V2);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/pwausers");
        assertThat(request.header(HeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void aNamedStage_isStrippedFromAPayload2Path() {
        String event = event("http-api-v2-post-pwausers.json")
                .replace("\"rawPath\": \"/pwausers\"", "\"rawPath\": \"/prod/pwausers\"")
                .replace("\"stage\": \"$default\"", "\"stage\": \"prod\"");

        assertThat(read(event).path()).isEqualTo("/pwausers");
    }

    @Test
    void somethingElse_isNotAnHttpEvent() {
        assertThatThrownBy(() -> read("{\"Records\":[]}")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> read("{\"version\":\"2.0\"}")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> read("{")).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void writesTheProxyResponseShape() {
        byte[] json = ProxyEventCodec.write(new HttpResponse(201, Map.of(HeaderNames.CONTENT_TYPE, "application/json"),
                "{\"a\":\"é\"}"), PayloadFormat.REST_V1);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                "{\"statusCode\":201,\"headers\":{\"" + HeaderNames.CONTENT_TYPE + "\":\"application/json\"},"
                        + "\"body\":\"{\\\"a\\\":\\\"é\\\"}\","
                        + "\"isBase64Encoded\":false}");
    }

    @Test
    void anAnswerWithoutContentType_tellsARestApiToAddNone_andAnHttpApiNothing() {
        HttpResponse noContent = new HttpResponse(204, Map.of(HeaderNames.ALLOW_ORIGIN, "*"), "");

        assertThat(new String(ProxyEventCodec.write(noContent, PayloadFormat.REST_V1), StandardCharsets.UTF_8))
                .isEqualTo("{\"statusCode\":204,\"headers\":{\"" + HeaderNames.ALLOW_ORIGIN + "\":\"*\",\""
                        + HeaderNames.CONTENT_TYPE + "\":null},\"body\":\"\",\"isBase64Encoded\":false}");
        assertThat(new String(ProxyEventCodec.write(noContent, PayloadFormat.HTTP_V2), StandardCharsets.UTF_8))
                .isEqualTo("{\"statusCode\":204,\"headers\":{\"" + HeaderNames.ALLOW_ORIGIN + "\":\"*\"},"
                        + "\"body\":\"\",\"isBase64Encoded\":false}");
    }

    private static HttpRequest read(String event) {
        return ProxyEventCodec.read(event.getBytes(StandardCharsets.UTF_8));
    }
}
