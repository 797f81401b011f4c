package keyward.client;

import java.time.Duration;
import java.time.Instant;

/**
 * What Obtain Lease granted: the object may be used (and its attributes cached) for
 * {@code leaseTime}; {@code lastChangeDate} says whether a cached copy is stale (KMIP 1.4 §4.17).
 */
public record Lease(String uniqueIdentifier, Duration leaseTime, Instant lastChangeDate) {}
