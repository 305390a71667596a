/** Data-import service: CSV and TSV files into datasets. */
package org.multilevel.data;
