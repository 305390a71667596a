package org.multilevel.report.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.results.Footnote;
import org.multilevel.api.results.ResultContainer;
import org.multilevel.api.results.ResultElement;
import org.multilevel.api.results.ResultPlot;
import org.multilevel.api.results.ResultTable;
import org.multilevel.api.results.Results;

/**
 * The JSON document of a {@link Results} tree (not the fit document of results-json.md): every element has a
 * "type" of "container", "table" or "plot"; enum values are lower case; a PNG is base64 text.
 */
public final class ResultsDocument {
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = ResultContainer.class, name = "container"),
        @JsonSubTypes.Type(value = ResultTable.class, name = "table"),
        @JsonSubTypes.Type(value = ResultPlot.class, name = "plot")})
    private interface ElementMixin {
    }

    /** {@link Footnote#target()} is derived from column and row: not written. */
    private abstract static class FootnoteMixin {
        @com.fasterxml.jackson.annotation.JsonIgnore
        abstract Footnote.Target target();
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addMixIn(ResultElement.class, ElementMixin.class)
            .addMixIn(Footnote.class, FootnoteMixin.class)
            .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ResultsDocument() {
    }

    public static String write(Results results) {
        try {
            return MAPPER.writeValueAsString(results) + "\n";
        } catch (JsonProcessingException e) {
            throw new MultilevelException("the results could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Results read(String json) {
        try {
            return MAPPER.readValue(json, Results.class);
        } catch (JsonProcessingException e) {
            throw new MultilevelException("not a results document: " + e.getOriginalMessage(), e);
        }
    }
}
