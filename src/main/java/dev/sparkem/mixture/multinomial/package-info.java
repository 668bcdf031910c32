/**
 * The multinomial mixture (mixture of unigrams) over bag-of-words counts: parameters and model
 * file, a smoothed closed-form M-step on the engine, start points and a sampler.
 */
package dev.sparkem.mixture.multinomial;
