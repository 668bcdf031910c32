/**
 * The Spark ML face of the Gaussian mixture, written in Java: the {@link
 * dev.sparkem.ml.GaussianMixture} estimator and its {@link dev.sparkem.ml.GaussianMixtureModel},
 * usable in a {@code Pipeline}, with a training summary and Spark ML persistence. The only
 * package where Scala's idioms (options, static forwarders of Scala objects) are used.
 */
package dev.sparkem.ml;
