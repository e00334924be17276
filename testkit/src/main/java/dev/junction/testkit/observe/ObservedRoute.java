package dev.junction.testkit.observe;

/**
 * A route as an observer saw it, every field in canonical text so that two observers compare equal:
 * destination {@code 10.0.0.0/24} or {@code default}, empty strings for absent fields.
 */
public record ObservedRoute(
    String destination,
    String gateway,
    String device,
    int metric,
    String scope,
    String protocol,
    String source) {}
