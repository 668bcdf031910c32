/**
 * The Spark ML face of the mixtures, written in Java: the {@link dev.sparkem.ml.GaussianMixture}
 * and {@link dev.sparkem.ml.CountMixture} (multinomial, Bernoulli, Poisson) estimators and their
 * models, on shared bases ({@link dev.sparkem.ml.MixtureEstimator},
 * {@link dev.sparkem.ml.FittedMixture}), usable in a {@code Pipeline}, with a training summary
 * and Spark ML persistence. The only
 * package where Scala's idioms (options, static forwarders of Scala objects) are used.
 */
package dev.sparkem.ml;
