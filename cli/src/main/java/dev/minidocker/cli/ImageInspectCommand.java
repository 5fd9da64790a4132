package dev.minidocker.cli;

import static dev.minidocker.cli.CodedOptions.positionals;
import static dev.minidocker.cli.CodedOptions.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.Store;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.TagEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minidocker image inspect}: a JSON array with Docker's field names, or {@code --format} applied to each. */
final class ImageInspectCommand implements CodedCommand {
    String format;
    final List<String> images = new ArrayList<>();

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CodedOptions.command(this, "inspect", "Display detailed information on one or more images.");
        spec.addOption(value(String.class, "TEMPLATE", "A Go template, e.g. '{{.Os}}/{{.Architecture}}'.",
                v -> format = v, "-f", "--format"));
        spec.addPositional(positionals("0..*", "1..*", "IMAGE", null, images));
        return spec;
    }

    @Override
    public int call(Context context) throws StoreException, IOException, CliException {
        GoTemplate template = format == null ? null : GoTemplate.parse(format);
        Store store = context.store();
        ArrayNode all = DockerJson.array();
        for (String name : images) {
            all.add(inspect(store, context.image(name)));
        }
        if (template == null) {
            context.out.println(DockerJson.indented(all));
        } else {
            for (JsonNode image : all) {
                context.out.println(template.apply(image));
            }
        }
        return ExitCodes.OK;
    }

    /** Docker's JSON of {@code image}. */
    static ObjectNode inspect(Store store, ImageRecord image) throws StoreException, IOException {
        JsonNode config = DockerJson.read(store.blobs().read(image.id()));
        ObjectNode node = DockerJson.object();
        node.put("Id", image.id().toString());
        ArrayNode tags = node.putArray("RepoTags");
        ArrayNode digests = node.putArray("RepoDigests");
        for (Map.Entry<String, TagEntry> e : store.images().tags().entrySet()) {
            if (e.getValue().image().equals(image.id())) {
                ImageReference ref = ImageReference.parse(e.getKey());
                if (ref.tag() != null) {
                    tags.add(ref.familiarName() + ":" + ref.tag());
                }
                String digest = ref.familiarName() + "@" + e.getValue().digest();
                if (!contains(digests, digest)) {
                    digests.add(digest);
                }
            }
        }
        node.put("Created", image.created());
        node.put("Architecture", image.platform().architecture());
        if (image.platform().variant() != null) {
            node.put("Variant", image.platform().variant());
        }
        node.put("Os", image.platform().os());
        node.set("Config", config.path("config"));
        node.put("Size", image.size());
        ObjectNode rootfs = node.putObject("RootFS");
        rootfs.put("Type", "layers");
        ArrayNode layers = rootfs.putArray("Layers");
        image.diffIds().forEach(d -> layers.add(d.toString()));
        ObjectNode driver = node.putObject("GraphDriver");
        driver.put("Name", "overlay");
        ObjectNode data = driver.putObject("Data");
        data.put("LowerDir", String.join(":", image.diffIds().reversed().stream()
                .map(d -> store.layers().diffDir(d).toString()).toList()));
        ObjectNode descriptor = node.putObject("Descriptor");
        descriptor.put("mediaType", image.manifestMediaType());
        descriptor.put("digest", image.manifestDigest().toString());
        descriptor.put("size", store.blobs().size(image.manifestDigest()));
        return node;
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
