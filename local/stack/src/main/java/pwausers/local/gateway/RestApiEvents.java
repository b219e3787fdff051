package pwausers.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * API Gateway REST proxy events (payload 1.0) and answers as JSON, written and read with the serialisers of the
 * Lambda Java runtime ({@code aws-lambda-java-serialization}) over the types of {@code aws-lambda-java-events}.
 */
final class RestApiEvents {
    private static final PojoSerializer<APIGatewayProxyRequestEvent> REQUESTS =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, RestApiEvents.class.getClassLoader());
    private static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, RestApiEvents.class.getClassLoader());

    private RestApiEvents() {
    }

    static byte[] toJson(APIGatewayProxyRequestEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        REQUESTS.toJson(event, out);
        return out.toByteArray();
    }

    static APIGatewayProxyRequestEvent requestFromJson(byte[] json) {
        return REQUESTS.fromJson(new ByteArrayInputStream(json));
    }

    /** The function's answer; null when it is not a proxy response (API Gateway then answers 502). */
    static APIGatewayProxyResponseEvent responseFromJson(byte[] json) {
        try {
            APIGatewayProxyResponseEvent response = RESPONSES.fromJson(new ByteArrayInputStream(json));
            return response == null || response.getStatusCode() == null ? null : response;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
