package org.multilevel.importsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.descriptor.MeasureType;

class ColumnsTest {
    private static final double NA = Double.NaN;

    @Test
    void labelsThatCoverEveryValueMakeAFactorInCodeOrder() {
        CategoricalColumn c = assertInstanceOf(CategoricalColumn.class, Columns.numeric("g",
                new double[] {3, 1, NA, 3}, Map.of(1.0, "Zeta", 2.0, "unused", 3.0, "Alpha"), "Group", null));
        assertEquals(List.of("Zeta", "Alpha"), c.levels());
        assertArrayEquals(new int[] {1, 0, -1, 1}, c.codes());
        assertEquals("Group", c.title());
        assertEquals(MeasureType.NOMINAL, c.measure());
    }

    @Test
    void labelsOfSpecialValuesOnlyLeaveTheVariableNumeric() {
        NumericColumn n = assertInstanceOf(NumericColumn.class, Columns.numeric("age",
                new double[] {31, 45, 99}, Map.of(99.0, "no answer"), "", MeasureType.SCALE));
        assertArrayEquals(new double[] {31, 45, 99}, n.values());
    }

    @Test
    void blankAndRepeatedLabelsAreToldApartByTheirCode() {
        CategoricalColumn c = assertInstanceOf(CategoricalColumn.class, Columns.numeric("g",
                new double[] {1, 2, 3}, Map.of(1.0, "same", 2.0, "same", 3.0, " "), "", MeasureType.ORDINAL));
        assertEquals(List.of("same", "same (2)", "(3)"), c.levels());
        assertEquals(MeasureType.ORDINAL, c.measure());
    }

    @Test
    void textLevelsSortByValueOrByCollation() {
        CategoricalColumn n = (CategoricalColumn) Columns.text("x", new String[] {"10", "9", null, "9"}, "", null);
        assertEquals(List.of("9", "10"), n.levels());
        CategoricalColumn t = (CategoricalColumn) Columns.text("x", new String[] {"b", "Ä", "a", "B"}, "", null);
        assertEquals(List.of("a", "Ä", "b", "B"), t.levels());
    }

    @Test
    void uniqueNames() {
        assertEquals(List.of("x", "V2", "x.1"), Columns.uniqueNames(java.util.Arrays.asList("x", " ", "x")));
    }
}
