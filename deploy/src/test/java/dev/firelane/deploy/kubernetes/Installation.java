package dev.firelane.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.firelane.deploy.kubernetes.CustomResources.Image;
import dev.firelane.deploy.kubernetes.CustomResources.JsonPatchOperation;
import dev.firelane.deploy.kubernetes.CustomResources.JsonPatchOp;
import dev.firelane.deploy.kubernetes.CustomResources.Kustomization;
import dev.firelane.deploy.kubernetes.CustomResources.Patch;
import dev.firelane.deploy.kubernetes.CustomResources.PatchTarget;
import dev.firelane.deploy.kubernetes.CustomResources.Replica;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code kubectl apply -k DIR} would apply, built here without kustomize: the resources of a kustomization
 * (recursively), with its patches, images, replicas and namespace. It models what these kustomizations use and
 * refuses the rest (an inline patch, a strategic merge of a list) rather than guess.
 */
final class Installation {
    /** One resource: the file it came from and its YAML with the kustomization applied. */
    record Resource(Path source, ObjectNode yaml) {
        String kind() {
            return yaml.path("kind").asText();
        }

        String name() {
            return yaml.path("metadata").path("name").asText();
        }

        String group() {
            String apiVersion = yaml.path("apiVersion").asText();
            return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        }
    }

    /** The kinds whose {@code spec.replicas} a kustomization's {@code replicas} sets. */
    private static final List<String> SCALABLE = List.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");

    private final Path dir;
    private final List<Resource> resources;

    private Installation(Path dir, List<Resource> resources) {
        this.dir = dir;
        this.resources = List.copyOf(resources);
    }

    static Installation of(Path dir) {
        Kustomization k = kustomization(dir);
        List<Resource> out = new ArrayList<>();
        for (String entry : k.resourcesOrEmpty()) {
            Path path = dir.resolve(entry).normalize();
            if (Files.isDirectory(path)) {
                out.addAll(of(path).resources);
            } else {
                StrictYaml.documents(path).forEach(d -> out.add(new Resource(path, (ObjectNode) d.deepCopy())));
            }
        }
        for (Patch patch : k.patchesOrEmpty()) {
            apply(dir, patch, out);
        }
        for (Replica replica : k.replicas() == null ? List.<Replica>of() : k.replicas()) {
            matching(out, null, null, replica.name()).stream().filter(r -> SCALABLE.contains(r.kind()))
                    .forEach(r -> r.yaml().with("spec").put("replicas", replica.count()));
        }
        for (Image image : k.images() == null ? List.<Image>of() : k.images()) {
            out.forEach(r -> setImage(r.yaml(), image));
        }
        if (k.namespace() != null) {
            out.stream().filter(r -> !r.kind().equals("Namespace"))
                    .forEach(r -> r.yaml().with("metadata").put("namespace", k.namespace()));
        }
        return new Installation(dir, out);
    }

    static Kustomization kustomization(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        try {
            return StrictYaml.read(StrictYaml.documents(file).get(0), Kustomization.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    List<Resource> resources() {
        return resources;
    }

    /** Every resource of {@code type}, read strictly. */
    <T> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Resource r : resources) {
            if (Kinds.typeOf(r.yaml()) == type) {
                try {
                    out.add(StrictYaml.read(r.yaml(), type));
                } catch (IOException e) {
                    throw new UncheckedIOException(r.source() + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** The one resource of {@code type}; fails if there are none or several. */
    <T> T only(Class<T> type) {
        List<T> all = all(type);
        if (all.size() != 1) {
            throw new AssertionError(dir + ": expected one " + type.getSimpleName() + ", found " + all.size());
        }
        return all.get(0);
    }

    private static List<Resource> matching(List<Resource> resources, String group, String kind, String name) {
        return resources.stream().filter(r -> (group == null || r.group().equals(group))
                && (kind == null || r.kind().equals(kind)) && (name == null || r.name().equals(name))).toList();
    }

    private static void apply(Path dir, Patch patch, List<Resource> resources) {
        if (patch.path() == null) {
            throw new UnsupportedOperationException(dir + ": only patches from files are modelled here");
        }
        Path file = dir.resolve(patch.path());
        List<JsonNode> documents = StrictYaml.documents(file);
        if (documents.size() == 1 && documents.get(0).isArray()) {
            PatchTarget t = patch.target();
            if (t == null) {
                throw new IllegalArgumentException(file + ": a JSON 6902 patch needs a target");
            }
            List<Resource> targets = matching(resources, t.group(), t.kind(), t.name());
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(file + ": the target " + t + " matches no resource");
            }
            for (JsonNode op : documents.get(0)) {
                JsonPatchOperation operation = read(file, op, JsonPatchOperation.class);
                targets.forEach(r -> jsonPatch(file, r.yaml(), operation));
            }
            return;
        }
        for (JsonNode document : documents) {
            List<Resource> targets = matching(resources, null, document.path("kind").asText(),
                    document.path("metadata").path("name").asText());
            if (targets.size() != 1) {
                throw new IllegalArgumentException(file + ": the patch matches " + targets.size() + " resources");
            }
            merge(file, targets.get(0).yaml(), document);
        }
    }

    private static <T> T read(Path file, JsonNode node, Class<T> type) {
        try {
            return StrictYaml.read(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void jsonPatch(Path file, ObjectNode target, JsonPatchOperation operation) {
        JsonPointer pointer = JsonPointer.compile(operation.path());
        JsonNode parent = target.at(pointer.head());
        String field = pointer.last().getMatchingProperty();
        if (!(parent instanceof ObjectNode object)
                || (operation.op() != JsonPatchOp.ADD && operation.op() != JsonPatchOp.REPLACE)
                || (operation.op() == JsonPatchOp.REPLACE && !object.has(field))) {
            throw new UnsupportedOperationException(file + ": " + operation.op() + " " + operation.path()
                    + " is not modelled here (add or replace of an object's field)");
        }
        object.set(field, operation.value().deepCopy());
    }

    /** A strategic merge patch without lists: maps merge, scalars replace. */
    private static void merge(Path file, ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isArray()) {
                throw new UnsupportedOperationException(file + ": '" + e.getKey()
                        + "' is a list; a strategic merge of lists is not modelled here");
            }
            if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode inner) {
                merge(file, inner, value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    private static void setImage(ObjectNode resource, Image image) {
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : resource.path("spec").path("template").path("spec").path(list)) {
                String current = container.path("image").asText();
                int colon = current.lastIndexOf(':');
                String name = colon < 0 ? current : current.substring(0, colon);
                String tag = colon < 0 ? "latest" : current.substring(colon + 1);
                if (name.equals(image.name())) {
                    String newName = image.newName() != null ? image.newName() : name;
                    String newTag = image.newTag() != null ? image.newTag() : tag;
                    ((ObjectNode) container).set("image", TextNode.valueOf(newName + ":" + newTag));
                }
            }
        }
    }
}
