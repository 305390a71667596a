/** Result contributors: ICC, design effect, R2, reliability, contrasts, naive OLS. */
package org.multilevel.derived;
