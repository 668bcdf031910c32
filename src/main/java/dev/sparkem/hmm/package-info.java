/**
 * Hidden Markov models fitted by Baum–Welch on the generic EM engine: blocks of whole sequences,
 * immutable parameters (initial distribution, transitions, a pluggable {@link
 * dev.sparkem.hmm.Emission}), a scaled forward–backward E-step per sequence, a closed-form M-step
 * with optional Dirichlet pseudo-counts, and Viterbi / posterior decoding.
 */
package dev.sparkem.hmm;
