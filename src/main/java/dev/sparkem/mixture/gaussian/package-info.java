/**
 * Gaussian mixtures with full covariance matrices: parameters held with their Cholesky factors,
 * a log-space block E-step through triangular solves, sufficient statistics centred on the
 * current means, a closed-form M-step with scikit-learn's covariance ridge, and the JSON model
 * file format.
 */
package dev.sparkem.mixture.gaussian;
