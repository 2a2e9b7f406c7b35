package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What reaches the notification server is inert: no markup a server could parse, no control characters. */
class NotificationTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a & b          | a &amp; b
            <i>x</i>       | &lt;i&gt;x&lt;/i&gt;
            `say "hi"`     | say &quot;hi&quot;
            it's           | it&apos;s
            &amp;          | &amp;amp;
            plain text     | plain text
            """)
    void theBodyIsEscapedForMarkup(String in, String out) {
        assertEquals(out, NotificationText.body(in));
    }

    @Test
    void markupInAContextNameOrReasonIsMadeInert() {
        assertEquals("\u2039b\u203Aprod\u2039/b\u203A \uFF06 \"co\": tunnel down now",
                NotificationText.title("<b>prod</b> & \"co\": tunnel down\nnow"));
        assertEquals("Reason: &lt;a href=&apos;http://evil&apos;&gt;click&lt;/a&gt; &amp; &quot;quotes&quot;ok",
                NotificationText.body("Reason: <a href='http://evil'>click</a> & \"quotes\"\u0007\u202Eok"));
    }

    @Test
    void controlCharactersAreStrippedAndTheTitleIsOneLine() {
        assertEquals("a b c", NotificationText.title("a\nb\tc\u0000\u001B\u009B"));
        assertEquals("line 1\nline 2", NotificationText.body("line 1\nline 2\r\u0000"));
        assertEquals("<b>as is</b>\nnext", NotificationText.plainBody("<b>as is</b>\nnext\u0007\u202E"));
    }
}
