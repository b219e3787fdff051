package pwausers.bench.cost;

/**
 * AWS's published on-demand prices that a request to this API incurs, in one region and as read on one date (USD, no
 * free tier, the first volume tier of each). Other regions and later dates differ: see the pages named below.
 *
 * @param region               where these prices hold
 * @param readOn               when they were read from the pages
 * @param restApiRequest       API Gateway REST API, per request received (first 333 million a month)
 * @param lambdaRequest        Lambda, per invocation
 * @param lambdaGbSecond       Lambda on x86_64, per GB-second of billed duration (billed in 1 ms steps)
 * @param writeRequestUnit     DynamoDB on-demand, Standard table class, per write request unit
 * @param readRequestUnit      DynamoDB on-demand, Standard table class, per read request unit
 * @param logIngestedGb        CloudWatch Logs, Standard class, per GB ingested (the first tier of Lambda's own logs too)
 * @param dataOutGb            data transferred out to the internet, per GB (API Gateway's answers; the first 10 TB)
 * @param cloudFrontRequest    CloudFront, per HTTPS request (North America and Europe)
 * @param cloudFrontDataOutGb  CloudFront, per GB out to viewers (North America and Europe, the first 10 TB)
 */
public record AwsPrices(String region, String readOn, double restApiRequest, double lambdaRequest,
                        double lambdaGbSecond, double writeRequestUnit, double readRequestUnit, double logIngestedGb,
                        double dataOutGb, double cloudFrontRequest, double cloudFrontDataOutGb) {

    /** The pages the prices are read from. */
    public static final String[] SOURCES = {
        "https://aws.amazon.com/api-gateway/pricing/",
        "https://aws.amazon.com/lambda/pricing/",
        "https://aws.amazon.com/dynamodb/pricing/on-demand/",
        "https://aws.amazon.com/cloudwatch/pricing/",
        "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer",
        "https://aws.amazon.com/cloudfront/pricing/",
    };

    /**
     * US East (N. Virginia), December 2026: REST API $3.50 per million; Lambda $0.20 per million requests and
     * $0.0000166667 per GB-second (x86); DynamoDB on-demand $0.625 per million write and $0.125 per million read request
     * units (since November 2024); CloudWatch Logs $0.50 per GB; data out $0.09 per GB; CloudFront $0.0100 per 10,000
     * HTTPS requests and $0.085 per GB. SnapStart adds nothing on Java runtimes (the Lambda page charges its cache and
     * restores for Python and .NET only).
     */
    public static final AwsPrices US_EAST_1 = new AwsPrices("us-east-1", "2026-12-07", 3.50e-6, 0.20e-6,
            0.0000166667, 0.625e-6, 0.125e-6, 0.50, 0.09, 0.0100 / 10_000, 0.085);
}
