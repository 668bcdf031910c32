/**
 * Rendering a fit for humans: a convergence plot (PNG, drawn with JFreeChart, headless) and a
 * short self-contained HTML report of a model file (parameters, log-likelihood trace, component
 * sizes, BIC/AIC, the configuration used). Knows nothing of Spark or of the command line.
 */
package dev.sparkem.report;
