/**
 * The mixture of independent Poisson distributions over count rows: parameters and model file,
 * a closed-form M-step with a floor on the rates, start points and a sampler.
 */
package dev.sparkem.mixture.poisson;
