package dev.minidocker.cli;

import dev.minidocker.launcher.logs.LogTime;
import dev.minidocker.store.Digest;
import dev.minidocker.store.ImageRecord;
import dev.minidocker.store.ImageReference;
import dev.minidocker.store.StoreException;
import dev.minidocker.store.Store;
import dev.minidocker.store.TagEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The rows of {@code images}: one per reference, plus one per image that no reference names. */
final class ImageRows {
    /** One row; {@code tag} and {@code digest} are "<none>" where Docker prints that. */
    record Row(String repository, String tag, String digest, ImageRecord image, Instant created) {
    }

    private ImageRows() {
    }

    static List<Row> of(Store store) throws StoreException {
        Map<String, TagEntry> tags = store.images().tags();
        List<Row> rows = new ArrayList<>();
        Set<Digest> named = new HashSet<>();
        for (Map.Entry<String, TagEntry> e : tags.entrySet()) {
            ImageReference ref = ImageReference.parse(e.getKey());
            var image = store.images().get(e.getValue().image());
            if (image.isEmpty()) {
                continue;
            }
            named.add(image.get().id());
            rows.add(new Row(ref.familiarName(), ref.tag() == null ? "<none>" : ref.tag(),
                    e.getValue().digest().toString(), image.get(), created(image.get())));
        }
        for (ImageRecord image : store.images().all()) {
            if (!named.contains(image.id())) {
                rows.add(new Row("<none>", "<none>", "<none>", image, created(image)));
            }
        }
        rows.sort(ImageRows::order);
        return rows;
    }

    /**
     * Newest first, those without a date last, then by repository and tag. Written out: the JDK's
     * comparator combinators make their lambdas at run time, in every command that sorts.
     */
    private static int order(Row a, Row b) {
        if (!Objects.equals(a.created(), b.created())) {
            return a.created() == null ? 1 : b.created() == null ? -1 : b.created().compareTo(a.created());
        }
        int byRepository = a.repository().compareTo(b.repository());
        return byRepository != 0 ? byRepository : a.tag().compareTo(b.tag());
    }

    static Instant created(ImageRecord image) {
        if (image.created() == null) {
            return null;
        }
        try {
            return LogTime.instant(image.created());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
