import Foundation
import Prometheus

/// Request counters and latency histograms in a Prometheus registry owned by the application
/// (not a process-global bootstrap, so several apps in one test process keep separate counts).
/// Labels: route (the matched pattern, e.g. `/api/v1/users/{id}`, never the raw path), method, status.
public final class HTTPMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    func record(route: String, method: String, status: Int, duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "empass", subsystem: "http", metricName: "requests", unitName: "total",
                                             helpText: "HTTP requests by route, method and status"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "empass", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                                             helpText: "HTTP request latency by route, method and status"),
            labels: labels, buckets: Self.buckets
        ).record(duration)
    }

    /// The Prometheus text exposition format.
    public func exposition() -> String {
        registry.emitToString()
    }
}
