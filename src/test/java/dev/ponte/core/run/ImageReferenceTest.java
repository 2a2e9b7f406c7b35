package dev.ponte.core.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    private static final String SHA = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest
    @ValueSource(strings = {
        "nginx", "nginx:1.27", "nginx:latest", "library/nginx", "docker.io/library/nginx:1.27-alpine",
        "quay.io/gefyra/cargo:2.5.4", "localhost/ponte-test/busybox:1", "localhost:5000/app", "localhost:5000",
        "registry.example.com:443/team/sub/app:v1.2.3_rc-1", "Registry.Example.com/app", "[::1]:5000/app:dev",
        "my_app", "my__app", "my-app", "my---app", "a.b", "app:TAG_Upper", "app:_x", "10.0.0.1:5000/a/b",
        "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "40bcc0f51f52",
        "app@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "app@multihash+base58:0123456789abcdef0123456789abcdef"
    })
    void validReferencesPass(String reference) {
        assertNull(ImageReference.validate(reference), reference);
        assertTrue(ImageReference.isValid(reference));
    }

    /** Each bad reference and a word the message must contain, so the user sees which part is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|Enter an image",
        "'   '|Enter an image",
        "my app|space",
        "Nginx|lowercase",
        "docker.io/Library/nginx|\"Library\"",
        "nginx:|tag after ':' is empty",
        "nginx:.dot|tag \".dot\"",
        "nginx:-dash|tag \"-dash\"",
        "nginx:a+b|tag \"a+b\"",
        "my..app|part \"my..app\"",
        "my___app|part \"my___app\"",
        "-app|part \"-app\"",
        "app-|part \"app-\"",
        "team//app|empty part",
        "team/app/|empty part",
        "/app|empty part",
        ":1.0|name is missing",
        "exa_mple.com/app|registry \"exa_mple.com\"",
        "-bad.com/app|registry \"-bad.com\"",
        "host.com:port/app|port \"port\"",
        "host.com:/app|port \"\"",
        "app@sha256|sha256:<64 hex digits>",
        "app@sha256:abc|64 lowercase hex digits",
        "app@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef|other than 0-9",
        "app@1sha:0123456789abcdef0123456789abcdef|algorithm \"1sha\"",
        "app@md5:0123|at least 32 hex digits",
        "app@|digest after '@'",
    })
    void invalidReferencesSayWhichPartIsWrong(String reference, String expected) {
        String message = ImageReference.validate(reference);
        assertNotNull(message, reference);
        assertTrue(message.contains(expected), reference + " -> " + message);
        assertFalse(ImageReference.isValid(reference));
    }

    @org.junit.jupiter.api.Test
    void tagsAndNamesHaveLengthLimits() {
        assertNull(ImageReference.validate("app:" + "t".repeat(128)));
        assertNotNull(ImageReference.validate("app:" + "t".repeat(129)));
        String longName = "a/".repeat(127) + "a"; // 255 characters
        assertNull(ImageReference.validate(longName + ":1"));
        String message = ImageReference.validate("b" + longName);
        assertTrue(message.contains("256 characters"), message);
    }

    @org.junit.jupiter.api.Test
    void nullIsAskedFor() {
        assertTrue(ImageReference.validate(null).startsWith("Enter an image"));
        assertNull(ImageReference.validate(SHA.replace("sha256:", "app@sha256:")));
    }
}
