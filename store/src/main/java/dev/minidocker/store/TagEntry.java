package dev.minidocker.store;

import dev.minidocker.spec.json.JsonException;
import dev.minidocker.spec.json.JsonMembers;
import dev.minidocker.spec.json.JsonObject;
import dev.minidocker.spec.json.JsonWritable;

/**
 * Where a reference points ({@code repositories.json} maps each reference to one): {@code digest}
 * is what the registry resolved it to (an index or a manifest: Docker's RepoDigest), {@code image}
 * the image pulled from it for this platform.
 */
public record TagEntry(Digest digest, Digest image) implements JsonWritable {
    static TagEntry fromJson(JsonObject json) throws JsonException {
        return new TagEntry(json.string("digest", Digest::parse), json.string("image", Digest::parse));
    }

    @Override
    public JsonMembers toJson() {
        return new JsonMembers().add("digest", digest).add("image", image);
    }
}
