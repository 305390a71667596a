package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.report.files.ResultFiles;

class ResultFilesTest {
    @Test
    void ranefFileHasOneLinePerLevelAndTermAtFullPrecision() {
        TestModel model = Fixtures.sleepstudy();
        List<String> lines = ResultFiles.ranefCsv(model.result()).lines().toList();
        assertEquals("group,level,term,mode,condSD", lines.get(0));
        assertEquals(1 + 18 * 2, lines.size());
        LevelModes first = model.result().ranef().get("Subject").levels().get(0);
        String[] days = lines.get(2).split(",");
        assertEquals(List.of("Subject", first.level(), "Days"), List.of(days[0], days[1], days[2]));
        assertEquals(first.values()[1], Double.parseDouble(days[3]), 0.0);
        assertEquals(first.condSD()[1], Double.parseDouble(days[4]), 0.0);
    }

    @Test
    void residualFileHasOneLinePerRowWithFittedValuesAndResiduals() {
        TestModel model = Fixtures.cbpp();
        List<String> lines = ResultFiles.residualsCsv(model).lines().toList();
        assertEquals("row,observed,fitted,fixedFitted,residual,scaledResidual", lines.get(0));
        assertEquals(1 + model.design().rows(), lines.size());
        String[] row = lines.get(5).split(",");
        int i = 4;
        double mu = 1 / (1 + Math.exp(-model.conditionalPrediction()[i]));
        double y = model.design().y()[i];
        assertEquals(model.design().dataRows()[i] + 1, Integer.parseInt(row[0]));
        assertEquals(mu, Double.parseDouble(row[2]), 1e-12);
        assertEquals(1 / (1 + Math.exp(-model.fixedPrediction()[i])), Double.parseDouble(row[3]), 1e-12);
        assertEquals(y - mu, Double.parseDouble(row[4]), 1e-12);
        double pearson = (y - mu) / Math.sqrt(mu * (1 - mu) / model.design().weights()[i]);
        assertEquals(pearson, Double.parseDouble(row[5]), 1e-12);
    }
}
