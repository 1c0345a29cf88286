package io.promdr.core.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import io.promdr.core.model.StoredObject;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextJsonTest {
    private final ExecutionContext context = new ExecutionContext();

    @Test
    void recordsGoInAsOneLineOfJsonAndComeBackEqual() {
        List<StoredObject> objects = List.of(new StoredObject("blocks/a/" + "0".repeat(64) + ".tar.zst", 42, "f".repeat(64)));

        ContextJson.put(context, "objects", objects);

        assertThat(context.getString("objects")).doesNotContain("\n").contains("\"size\":42");
        assertThat(ContextJson.get(context, "objects", new TypeReference<List<StoredObject>>() {
        }, "object list")).contains(objects);
        assertThat(ContextJson.get(context, "objects", StoredObject[].class, "object list")).hasValueSatisfying(
                read -> assertThat(read).containsExactlyElementsOf(objects));
    }

    @Test
    void aMissingKeyIsEmptyAndAnUnreadableValueNamesWhatItIs() {
        assertThat(ContextJson.get(context, "plan", StoredObject.class, "restore plan")).isEmpty();

        context.putString("plan", "{not json");

        assertThatThrownBy(() -> ContextJson.get(context, "plan", StoredObject.class, "restore plan"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unreadable restore plan in the job context");
    }
}
