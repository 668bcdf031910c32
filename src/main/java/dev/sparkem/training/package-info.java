/**
 * From packed data and options to a fitted Gaussian mixture: start points, restarts that share
 * every pass over the data, and the choice of the best restart. Used by the jobs and the Spark ML
 * estimator alike.
 */
package dev.sparkem.training;
