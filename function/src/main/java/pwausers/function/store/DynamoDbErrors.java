package pwausers.function.store;

import pwausers.function.domain.StoreException;
import pwausers.function.domain.StoreUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** DynamoDB's failures (after the SDK's retries) as the store's: unavailable (worth a retry later) or not. */
final class DynamoDbErrors {
    private DynamoDbErrors() {
    }

    static StoreException translate(String action, SdkException e) {
        if (e instanceof AwsServiceException aws) {
            if (aws.isThrottlingException()) { // a throttled request is refused whole
                return StoreUnavailableException.nothingWritten("DynamoDB is throttling: " + errorCode(aws), e);
            }
            if (aws.statusCode() >= 500) { // "the request may or may not have succeeded"
                return new StoreUnavailableException("DynamoDB is failing: " + errorCode(aws), e);
            }
            return new StoreException("DynamoDB rejected the " + action + ": " + errorCode(aws), e);
        }
        if (e instanceof SdkClientException) {
            return new StoreUnavailableException("DynamoDB could not be reached in time", e);
        }
        return new StoreException(action + " failed", e);
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.statusCode()) : e.awsErrorDetails().errorCode();
    }
}
