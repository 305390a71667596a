package org.multilevel.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Level order against R's sort() of text levels (ICU collation, as the references were made). */
class LevelOrderTest {
    @Test
    void ageBandsSortAsR() {
        // R: sort(c("<25","25-29","30-35",">35")) -> "<25" ">35" "25-29" "30-35" (MASS::Insurance$Age)
        assertEquals(List.of("<25", ">35", "25-29", "30-35"),
                LevelOrder.sort(List.of("25-29", "30-35", "<25", ">35"), '.'));
    }

    @Test
    void mixedLabelsSortAsR() {
        // R: sort(c("ab","a b","a-b","a_b","Ab","B2","b10","<5",">5","5+","é","z"))
        assertEquals(List.of("<5", ">5", "5+", "a b", "a_b", "a-b", "ab", "Ab", "b10", "B2", "é", "z"),
                LevelOrder.sort(List.of("ab", "a b", "a-b", "a_b", "Ab", "B2", "b10", "<5", ">5", "5+", "é", "z"), '.'));
    }

    @Test
    void wideProbeSortsAsR() {
        // R 4.2 (capabilities("ICU") TRUE): the output of sort() on these labels, in R's order
        List<String> r = List.of(
            "  a", "_x", "-3", "-x", ",x", ";x", ":x", "!x",
            "?x", ".x", "'x", "\"x", "(x)", "[x]", "{x", "}x",
            "@x", "*x", "/x", "\\x", "&x", "#x", "%x", "`x",
            "^x", "+x", "<5", "<x", "=x", ">5", ">x", "|x",
            "~x", "$x", "0", "01x", "1", "½", "10a", "1x",
            "²", "2.5", "5+", "9a", "a", "A", "ä", "a ",
            "a b", "a_b", "a-b", "a1", "a10", "a2", "a²", "a3",
            "a9", "ab", "aB", "Ab", "AB", "ab ", "b10", "B2",
            "e", "é", "É", "f", "n", "ñ", "o", "ø",
            "p", "ss", "ß", "st", "x", "x 1", "x_1", "x-1",
            "x,1", "x.1", "x.2", "x1", "x10", "x9", "z", "Z");
        List<String> shuffled = new ArrayList<>(r);
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(r, LevelOrder.sort(shuffled, '.'));
        List<String> reversed = new ArrayList<>(r);
        Collections.reverse(reversed);
        reversed.sort(LevelOrder.TEXT);
        assertEquals(r, reversed);
    }

    @Test
    void allNumbersSortByValue() {
        // R: read.csv makes such a column numeric; factor() levels are then in numeric order
        assertEquals(List.of("-3", "2", "10", "100"), LevelOrder.sort(List.of("10", "2", "100", "-3"), '.'));
    }
}
