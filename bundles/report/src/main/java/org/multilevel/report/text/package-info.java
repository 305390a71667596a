/**
 * Plain-text rendering helpers other bundles may use for their report sections: an aligned text table and
 * R-like number formatting.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.report.text;
