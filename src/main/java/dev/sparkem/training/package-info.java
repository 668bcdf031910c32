/**
 * From packed data and options to a fitted mixture of any family: what each family needs
 * ({@link dev.sparkem.training.MixtureKind}), start points, restarts that share every pass over
 * the data, and the choice of the best restart. Used by the jobs and the Spark ML estimator alike.
 */
package dev.sparkem.training;
