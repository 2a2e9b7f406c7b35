package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnsiTextTest {
    private static final String E = "\u001b";

    @Test
    void plainTextHasNoSegments() {
        AnsiText t = AnsiText.parse("hello world");
        assertEquals("hello world", t.text());
        assertTrue(t.segments().isEmpty());
    }

    @Test
    void basicColoursAndResetBecomeRunsWithoutEscapes() {
        AnsiText t = AnsiText.parse(E + "[31mred" + E + "[0m plain " + E + "[1;32mgreen bold" + E + "[m");
        assertEquals("red plain green bold", t.text());
        assertEquals(List.of(
                new Segment(0, 3, new TextStyle(1, -1, false, false, false)),
                new Segment(3, 10, TextStyle.DEFAULT),
                new Segment(10, 20, new TextStyle(2, -1, true, false, false))), t.segments());
    }

    @Test
    void brightColoursMapToEightToFifteen() {
        AnsiText t = AnsiText.parse(E + "[91mx" + E + "[104my");
        assertEquals(9, t.segments().get(0).style().fg());
        assertEquals(12, t.segments().get(1).style().bg());
    }

    @Test
    void palette256AndTrueColourForegroundAndBackground() {
        AnsiText t = AnsiText.parse(E + "[38;5;208mo" + E + "[38;2;10;20;30;48;5;21mt" + E + "[38:2:1:2:3mc");
        assertEquals("otc", t.text());
        assertEquals(208, t.segments().get(0).style().fg());
        TextStyle s = t.segments().get(1).style();
        assertTrue(TextStyle.isRgb(s.fg()));
        assertEquals(0x0A141E, TextStyle.toRgb(s.fg()));
        assertEquals(21, s.bg());
        assertEquals(0x010203, TextStyle.toRgb(t.segments().get(2).style().fg()));
    }

    @Test
    void colonFormOfTrueColourWithItsEmptyColourSpaceAndOfThePalette() {
        // ITU T.416: 38:2:<colour space>:r:g:b, the colour space usually left empty; read as 38;2;r;g;b it was
        // taken for r=0, g=r, b=g.
        AnsiText t = AnsiText.parse(E + "[38:2::200:100:50ma" + E + "[1;48:2:0:1:2:3;4mb" + E + "[0;38:5:208mc"
                + E + "[48:5:21;38:2:9:8:7md");
        assertEquals("abcd", t.text());
        assertEquals(0xC86432, TextStyle.toRgb(t.segments().get(0).style().fg()));
        TextStyle b = t.segments().get(1).style();
        assertEquals(0x010203, TextStyle.toRgb(b.bg()));
        assertTrue(b.bold() && b.underline(), "the parameters after a colon group still apply");
        assertEquals(t.segments().get(0).style().fg(), b.fg(), "the foreground carries over");
        assertEquals(208, t.segments().get(2).style().fg());
        assertEquals(21, t.segments().get(3).style().bg());
        assertEquals(0x090807, TextStyle.toRgb(t.segments().get(3).style().fg()));
    }

    @Test
    void italicUnderlineAndTheirResets() {
        AnsiText t = AnsiText.parse(E + "[3;4mA" + E + "[23mB" + E + "[24mC");
        assertEquals(new TextStyle(-1, -1, false, true, true), t.segments().get(0).style());
        assertEquals(new TextStyle(-1, -1, false, false, true), t.segments().get(1).style());
        assertEquals(TextStyle.DEFAULT, t.segments().get(2).style());
    }

    @Test
    void paletteToRgbFollowsXterm() {
        assertEquals(0xFF8700, TextStyle.toRgb(208));
        assertEquals(0x080808, TextStyle.toRgb(232));
        assertEquals(0x000000, TextStyle.toRgb(16));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cut-off SGR at the end           | abc<E>[31                | abc
            lone ESC at the end              | abc<E>                   | abc
            erase line and cursor moves      | <E>[2K<E>[1Gdone<E>[?25l | done
            OSC window title with BEL        | <E>]0;title<BEL>text     | text
            OSC hyperlink with ST            | <E>]8;;http://x<E>\\link<E>]8;;<E>\\ | link
            unterminated OSC                 | ok<E>]0;never ends       | ok
            charset switch                   | <E>(Btext                | text
            two-char escape                  | a<E>7b<E>8c              | abc
            broken CSI keeps following text  | a<E>[3\u0001b            | a\u0001b
            huge parameter                   | <E>[99999999999999mx     | x
            """)
    void malformedAndNonSgrSequencesAreRemovedWithoutLosingText(String name, String raw, String expected) {
        AnsiText t = AnsiText.parse(raw.replace("<E>", E).replace("<BEL>", "\u0007"));
        assertEquals(expected.replace("\\u0001", "\u0001"), t.text());
        assertFalse(t.text().contains(E));
    }

    @Test
    void unknownSgrCodesAreIgnored() {
        AnsiText t = AnsiText.parse(E + "[5;7;31mblink");
        assertEquals("blink", t.text());
        assertEquals(1, t.segments().getFirst().style().fg());
    }

    @Test
    void malformedExtendedColourDoesNotThrow() {
        AnsiText t = AnsiText.parse(E + "[38;5mx" + E + "[38;2;1my" + E + "[48mz");
        assertEquals("xyz", t.text());
    }
}
