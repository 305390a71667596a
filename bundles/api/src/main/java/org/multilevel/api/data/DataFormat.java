package org.multilevel.api.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares on a {@link DataImporter} component what it reads; Declarative Services registers the service with
 * the properties {@value DataImporterProperties#FORMATS} and {@value DataImporterProperties#EXTENSIONS}.
 * Example: {@code @Component(service = DataImporter.class) @DataFormat(formats = "stata", extensions = "dta")}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DataFormat {
    /** Maps the element names to "multilevel.formats" and "multilevel.extensions". */
    String PREFIX_ = "multilevel.";

    /** See {@link DataImporterProperties#FORMATS}. */
    String[] formats();

    /** See {@link DataImporterProperties#EXTENSIONS}. */
    String[] extensions();
}
