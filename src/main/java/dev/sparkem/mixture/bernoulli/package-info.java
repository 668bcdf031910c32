/**
 * The mixture of independent Bernoulli distributions over binary rows: parameters and model
 * file, a closed-form M-step with Beta smoothing, start points and a sampler.
 */
package dev.sparkem.mixture.bernoulli;
