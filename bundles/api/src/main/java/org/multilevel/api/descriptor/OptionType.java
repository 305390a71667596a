package org.multilevel.api.descriptor;

/** Kinds of analysis options; the JSON value each takes is said per constant. */
public enum OptionType {
    /** One column name (a JSON string). */
    VARIABLE,
    /** Column names (a JSON array of strings). */
    VARIABLES,
    /** A model formula (a JSON string). */
    FORMULA,
    /** One of the option's allowed values (a JSON string). */
    ENUM,
    /** true or false. */
    BOOLEAN,
    /** A whole number. */
    INTEGER,
    /** A number. */
    NUMBER,
    /** Free text. */
    STRING
}
