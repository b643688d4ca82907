package dev.firelane.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.kubernetes.CustomResources.KafkaTopic;
import dev.firelane.deploy.kubernetes.CustomResources.KafkaUser;
import dev.firelane.deploy.kubernetes.CustomResources.Kustomization;
import dev.firelane.deploy.kubernetes.CustomResources.ScaledObject;
import dev.firelane.deploy.kubernetes.CustomResources.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.Map;

/** The kinds the manifests may hold, each with the Java type that reads it strictly; any other kind is refused. */
final class Kinds {
    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("v1 ConfigMap", ConfigMap.class),
            Map.entry("v1 Secret", Secret.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("apps/v1 StatefulSet", StatefulSet.class),
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("keda.sh/v1alpha1 ScaledObject", ScaledObject.class),
            Map.entry("keda.sh/v1alpha1 TriggerAuthentication", TriggerAuthentication.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaUser", KafkaUser.class),
            Map.entry("kustomize.config.k8s.io/v1beta1 Kustomization", Kustomization.class));

    private Kinds() {
    }

    /** The type of a manifest document by its {@code apiVersion} and {@code kind}. */
    static Class<?> typeOf(JsonNode document) {
        String key = document.path("apiVersion").asText() + " " + document.path("kind").asText();
        Class<?> type = TYPES.get(key);
        if (type == null) {
            throw new IllegalArgumentException("no known kind '" + key + "' (apiVersion kind); known: "
                    + new java.util.TreeSet<>(TYPES.keySet()));
        }
        return type;
    }

    /** The document as its kind's type, strictly. */
    static Object read(JsonNode document) throws IOException {
        return StrictYaml.read(document, typeOf(document));
    }
}
