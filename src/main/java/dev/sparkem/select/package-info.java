/**
 * Model selection: information criteria (BIC, AIC, ICL) of fitted mixtures, and the choice of
 * the number of components and covariance type from a grid fitted in shared passes.
 */
package dev.sparkem.select;
