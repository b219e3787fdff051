package pwausers.bench.cost;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a number of requests to the deployed API costs, service by service, at published on-demand prices (no free
 * tier): API Gateway's REST API, the function's invocations and billed duration, DynamoDB's request units, CloudWatch
 * Logs' ingestion, and the answers' bytes out (to the internet from API Gateway, or through CloudFront, which then
 * also charges its requests; API Gateway's transfer to CloudFront is free).
 *
 * @param prices       the prices
 * @param memoryMb     the function's MemorySize
 * @param viaCloudFront whether the requests come through a CloudFront distribution
 */
public record CostModel(AwsPrices prices, int memoryMb, boolean viaCloudFront) {
    /** A GB counted as 10^9 bytes (AWS bills 2^30), which errs on the high side. */
    private static final double GB = 1e9;

    /** The dollars of each service for these requests, by how many of each kind. */
    public Estimate estimate(Map<RequestUsage, Long> requests) {
        double api = 0;
        double lambda = 0;
        double dynamodb = 0;
        double logs = 0;
        double dataOut = 0;
        double cloudFront = 0;
        for (Map.Entry<RequestUsage, Long> entry : requests.entrySet()) {
            RequestUsage u = entry.getKey();
            double n = entry.getValue();
            api += n * prices.restApiRequest();
            if (u.invokes()) {
                lambda += n * (prices.lambdaRequest()
                        + Math.ceil(u.billedMillis()) / 1000 * memoryMb / 1024.0 * prices.lambdaGbSecond());
            }
            dynamodb += n * (u.writeUnits() * prices.writeRequestUnit() + u.readUnits() * prices.readRequestUnit());
            logs += n * u.logBytes() / GB * prices.logIngestedGb();
            if (viaCloudFront) {
                cloudFront += n * (prices.cloudFrontRequest() + u.responseBytes() / GB * prices.cloudFrontDataOutGb());
            } else {
                dataOut += n * u.responseBytes() / GB * prices.dataOutGb();
            }
        }
        Map<String, Double> services = new LinkedHashMap<>();
        services.put("API Gateway (REST)", api);
        services.put("Lambda", lambda);
        services.put("DynamoDB", dynamodb);
        services.put("CloudWatch Logs", logs);
        if (viaCloudFront) {
            services.put("CloudFront", cloudFront);
        } else {
            services.put("data out", dataOut);
        }
        return new Estimate(services);
    }

    /** Dollars by service, in the order they were added. */
    public record Estimate(Map<String, Double> services) {
        public double total() {
            return services.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** {@code $0.0012 (API Gateway (REST) $0.0009, Lambda $0.0002, ...)}. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(dollars(total())).append(" (");
            services.forEach((service, cost) -> text.append(service).append(' ').append(dollars(cost)).append(", "));
            text.setLength(text.length() - 2);
            return text.append(')').toString();
        }
    }

    /** Dollars with two significant digits at least ($12.34, $0.0012, $0.000034). */
    public static String dollars(double amount) {
        if (amount == 0) {
            return "$0";
        }
        int decimals = Math.max(2, 1 - (int) Math.floor(Math.log10(amount)));
        return String.format(Locale.ROOT, "$%,." + decimals + "f", amount);
    }
}
