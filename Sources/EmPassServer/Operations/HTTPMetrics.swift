import Foundation
import Prometheus
import Synchronization

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

    /// The counter and histogram of one (route, method, status), made once: the registry's
    /// `make…` calls build label arrays and look them up under its lock, so a request does one
    /// dictionary lookup here instead of two there.
    private struct Series: Sendable {
        let requests: Counter
        let duration: DurationHistogram
    }

    private struct SeriesKey: Hashable, Sendable {
        let route: String
        let method: String
        let status: Int
    }

    private let series = Mutex<[SeriesKey: Series]>([:])

    func record(route: String, method: String, status: Int, duration: Duration) {
        let key = SeriesKey(route: route, method: method, status: status)
        let found = series.withLock { $0[key] }
        (found ?? makeSeries(key)).duration.record(duration)
        (found ?? series.withLock { $0[key]! }).requests.increment()
    }

    private func makeSeries(_ key: SeriesKey) -> Series {
        let labels = [("route", key.route), ("method", key.method), ("status", String(key.status))]
        let made = Series(
            requests: registry.makeCounter(
                descriptor: MetricNameDescriptor(namespace: "empass", subsystem: "http", metricName: "requests", unitName: "total",
                                                 helpText: "HTTP requests by route, method and status"),
                labels: labels),
            duration: registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(namespace: "empass", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                                                 helpText: "HTTP request latency by route, method and status"),
                labels: labels, buckets: Self.buckets))
        // Routes are matched patterns, so the keys are bounded by the router's routes × methods × statuses.
        return series.withLock { known in
            if let existing = known[key] { return existing }
            known[key] = made
            return made
        }
    }

    /// The Prometheus text exposition format.
    public func exposition() -> String {
        registry.emitToString()
    }
}
