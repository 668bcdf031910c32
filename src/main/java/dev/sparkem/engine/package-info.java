/**
 * The generic EM loop. A model family ({@link dev.sparkem.engine.ModelFamily}) says how to score a
 * block of rows into sufficient statistics and how to maximise from them; the engine owns the
 * rest: broadcasting parameters, the per-partition E-step, an order-independent tree reduction,
 * the M-step on the driver, convergence on the log-likelihood per unit weight, the EM guarantee
 * check and the fit result.
 */
package dev.sparkem.engine;
