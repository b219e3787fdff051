package pwausers.function.api;

/** The two shapes in which API Gateway and Lambda Function URLs hand an HTTP request to a function. */
public enum PayloadFormat {
    /** REST API proxy integration (payload 1.0), as in the workshop's test event. */
    REST_V1,
    /** HTTP API and Lambda Function URL (payload 2.0). */
    HTTP_V2
}
