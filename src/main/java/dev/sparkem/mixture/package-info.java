/**
 * Finite mixture models, one sub-package per component family. This package holds what every
 * mixture shares: turning log joint densities into posteriors and a per-row log-likelihood.
 */
package dev.sparkem.mixture;
