/**
 * Checkpoints of an EM fit on any Hadoop file system: after every iteration the state of every
 * fit ({@link dev.sparkem.engine.EmState}) with a {@link dev.sparkem.checkpoint.Fingerprint} of the
 * run, written atomically, and read back to resume the fit where it stopped.
 */
package dev.sparkem.checkpoint;
