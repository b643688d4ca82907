package dev.firelane.protocol;

import org.apache.kafka.common.serialization.Serde;

/**
 * One Firelane topic: its base name, key serde and value serde. The full name is the configured
 * prefix plus the base name ({@code firelane.control} by default).
 */
public record Topic<K, V>(String baseName, Serde<K> keySerde, Serde<V> valueSerde) {
    public String name(String prefix) {
        return prefix + baseName;
    }
}
