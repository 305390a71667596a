/** The model formula language: parser and model-frame builder. */
package org.multilevel.formula;
