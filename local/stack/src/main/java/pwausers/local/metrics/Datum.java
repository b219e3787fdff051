package pwausers.local.metrics;

/**
 * One value of a metric, as a service publishes it to CloudWatch (a MetricDatum): the metric, its unit (CloudWatch's
 * unit names: {@code Count}, {@code Milliseconds}, ..., {@code None}), the value and its time.
 */
record Datum(MetricId metric, String unit, double value, long timestampMillis) {
}
