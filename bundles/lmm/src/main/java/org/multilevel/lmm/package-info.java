/** Linear mixed model estimators (REML, ML): profiled deviance over theta. */
package org.multilevel.lmm;
