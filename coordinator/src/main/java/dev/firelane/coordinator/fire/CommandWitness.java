package dev.firelane.coordinator.fire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pause and delete commands this process's fire topology has read, by command id (the latest
 * {@value #CAPACITY}): once a command is here, its job's task holds its firing. Thread-safe; the REST API asks it
 * so that a pause returns only once it is effective.
 */
public final class CommandWitness {
    static final int CAPACITY = 10_000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void saw(String commandId) {
        seen.put(commandId, Boolean.TRUE);
    }

    /** Whether a task of this process has read the command. */
    public synchronized boolean hasSeen(String commandId) {
        return seen.containsKey(commandId);
    }
}
