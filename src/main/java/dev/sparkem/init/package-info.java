/**
 * How an EM fit gets its start point: k-means‖ on the cluster (Spark's own KMeans), random rows
 * of the data, or given parameters.
 */
package dev.sparkem.init;
