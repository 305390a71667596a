/** Analysis service: builds the model frame, chooses an estimator, compares models. */
package org.multilevel.analysis;
