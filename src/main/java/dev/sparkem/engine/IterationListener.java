package dev.sparkem.engine;

/** Called on the driver once for the start point and once after every EM iteration. */
@FunctionalInterface
public interface IterationListener {
  /** A listener that does nothing. */
  IterationListener NONE = record -> { };

  void onIteration(IterationRecord record);
}
