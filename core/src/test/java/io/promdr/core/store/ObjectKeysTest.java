package io.promdr.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"repository.json", "blocks/01M87EK388KVRAKZ6PRRPV9GFJ/abc.tar.zst", "a/.b/c..d"})
    void validKeysAreAcceptedAndReturned(String key) {
        assertThat(ObjectKeys.isValid(key)).isTrue();
        assertThat(ObjectKeys.requireValid(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "dir/", "a//b", "./a", "a/../b", "..", "a\\b", "a\0b"})
    void invalidKeysAreRefusedBothWays(String key) {
        assertThat(ObjectKeys.isValid(key)).isFalse();
        assertThatThrownBy(() -> ObjectKeys.requireValid(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid object key: " + key);
    }
}
