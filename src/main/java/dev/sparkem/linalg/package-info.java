/**
 * Dense kernels on column-major {@code double[]} blocks: Cholesky factors, triangular solves,
 * log-sum-exp. BLAS and LAPACK come from the {@code dev.ludovic.netlib} build that Spark ships,
 * which picks a native library when one is installed. Nothing here knows about Spark.
 */
package dev.sparkem.linalg;
