/**
 * spark-em: Expectation–Maximization for latent-variable models on Apache Spark. The root package
 * holds only the project's exception family; see the sub-packages for the engine, the model
 * families and the jobs.
 */
package dev.sparkem;
