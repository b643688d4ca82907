package dev.firelane.deploy.kubernetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Map;

/**
 * The custom resources the manifests use (KEDA, Strimzi) and kustomize's own files, which the fabric8 model does
 * not cover: the fields these manifests use, read strictly, so that a field the operator would not know fails
 * here. Enumerated values are Java enums, so a misspelled value fails too.
 */
final class CustomResources {
    private CustomResources() {
    }

    // --- KEDA (keda.sh/v1alpha1) ---------------------------------------------------------------------------

    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(ScaleTargetRef scaleTargetRef, Integer minReplicaCount, Integer maxReplicaCount,
                            Integer idleReplicaCount, Integer pollingInterval, Integer cooldownPeriod,
                            List<ScaleTrigger> triggers) {
    }

    record ScaleTargetRef(String apiVersion, String kind, String name, String envSourceContainerName) {
    }

    /** {@code metadata} is the scaler's own: its keys are checked against the kafka scaler's parameters. */
    record ScaleTrigger(String type, String name, String metricType, Boolean useCachedMetrics,
                        AuthenticationRef authenticationRef, Map<String, String> metadata) {
    }

    record AuthenticationRef(String name, String kind) {
    }

    record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, TriggerAuthenticationSpec spec) {
    }

    record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef) {
    }

    record SecretTargetRef(String parameter, String name, String key) {
    }

    /** The kafka scaler's trigger metadata (KEDA 2.x) and authentication parameters. */
    static final List<String> KAFKA_SCALER_METADATA = List.of("bootstrapServers", "consumerGroup", "topic",
            "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers",
            "scaleToZeroOnInvalidOffset", "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation",
            "ensureEvenDistributionOfPartitions", "version", "sasl", "tls", "unsafeSsl");
    static final List<String> KAFKA_SCALER_AUTH_PARAMETERS = List.of("sasl", "username", "password", "tls", "ca",
            "cert", "key", "keyPassword");

    // --- Strimzi (kafka.strimzi.io/v1beta2) -----------------------------------------------------------------

    record KafkaTopic(String apiVersion, String kind, ObjectMeta metadata, KafkaTopicSpec spec) {
    }

    /** {@code config} values may be numbers or strings, as the topic operator takes both. */
    record KafkaTopicSpec(String topicName, Integer partitions, Integer replicas, Map<String, Object> config) {
    }

    record KafkaUser(String apiVersion, String kind, ObjectMeta metadata, KafkaUserSpec spec) {
    }

    record KafkaUserSpec(KafkaUserAuthentication authentication, KafkaUserAuthorization authorization) {
    }

    record KafkaUserAuthentication(AuthenticationType type, PasswordSpec password) {
    }

    enum AuthenticationType {
        @JsonProperty("scram-sha-512") SCRAM_SHA_512,
        @JsonProperty("tls") TLS,
        @JsonProperty("tls-external") TLS_EXTERNAL
    }

    record PasswordSpec(PasswordSource valueFrom) {
    }

    record PasswordSource(SecretKeySelector secretKeyRef) {
    }

    record KafkaUserAuthorization(String type, List<AclRule> acls) {
    }

    record AclRule(AclResource resource, AclRuleType type, String host, List<AclOperation> operations) {
    }

    enum AclRuleType {
        @JsonProperty("allow") ALLOW,
        @JsonProperty("deny") DENY
    }

    record AclResource(AclResourceType type, String name, PatternType patternType) {
        /** Whether this resource names {@code resourceName} of type {@code resourceType}. */
        boolean covers(AclResourceType resourceType, String resourceName) {
            return type == resourceType && (type == AclResourceType.CLUSTER
                    || (patternType == PatternType.PREFIX ? resourceName.startsWith(name) : resourceName.equals(name)));
        }
    }

    enum AclResourceType {
        @JsonProperty("topic") TOPIC,
        @JsonProperty("group") GROUP,
        @JsonProperty("cluster") CLUSTER,
        @JsonProperty("transactionalId") TRANSACTIONAL_ID
    }

    /** Strimzi's default is literal. */
    enum PatternType {
        @JsonProperty("literal") LITERAL,
        @JsonProperty("prefix") PREFIX
    }

    enum AclOperation {
        @JsonProperty("Read") READ,
        @JsonProperty("Write") WRITE,
        @JsonProperty("Create") CREATE,
        @JsonProperty("Delete") DELETE,
        @JsonProperty("Alter") ALTER,
        @JsonProperty("Describe") DESCRIBE,
        @JsonProperty("ClusterAction") CLUSTER_ACTION,
        @JsonProperty("AlterConfigs") ALTER_CONFIGS,
        @JsonProperty("DescribeConfigs") DESCRIBE_CONFIGS,
        @JsonProperty("IdempotentWrite") IDEMPOTENT_WRITE,
        @JsonProperty("All") ALL
    }

    // --- kustomize (kustomize.config.k8s.io/v1beta1) --------------------------------------------------------

    record Kustomization(String apiVersion, String kind, String namespace, List<String> resources, List<Image> images,
                         List<Replica> replicas, List<Patch> patches, List<Label> labels) {
        List<String> resourcesOrEmpty() {
            return resources == null ? List.of() : resources;
        }

        List<Patch> patchesOrEmpty() {
            return patches == null ? List.of() : patches;
        }
    }

    record Image(String name, String newName, String newTag, String digest) {
    }

    record Replica(String name, Integer count) {
    }

    record Patch(String path, String patch, PatchTarget target) {
    }

    record PatchTarget(String group, String version, String kind, String name, String namespace, String labelSelector) {
    }

    record Label(Map<String, String> pairs, Boolean includeSelectors, Boolean includeTemplates) {
    }

    /** One operation of an RFC 6902 patch file. */
    record JsonPatchOperation(JsonPatchOp op, String path, JsonNode value, String from) {
    }

    enum JsonPatchOp {
        @JsonProperty("add") ADD,
        @JsonProperty("remove") REMOVE,
        @JsonProperty("replace") REPLACE,
        @JsonProperty("move") MOVE,
        @JsonProperty("copy") COPY,
        @JsonProperty("test") TEST
    }
}
