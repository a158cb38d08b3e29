package dev.sneakerqc.support.rest;

import java.util.Optional;
import java.util.UUID;

/** Parses ids in paths; an id that cannot be parsed names nothing, so callers answer 404. */
public final class PathIds {

    private PathIds() {
    }

    public static Optional<UUID> uuid(String value) {
        try {
            UUID parsed = UUID.fromString(value);
            // UUID.fromString accepts short groups such as 1-2-3-4-5; only the canonical form names a batch.
            return parsed.toString().equalsIgnoreCase(value) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<Integer> positiveInt(String value) {
        try {
            int parsed = Integer.parseInt(value);
            return parsed >= 1 ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
