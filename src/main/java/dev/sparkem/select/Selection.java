package dev.sparkem.select;

import java.util.List;

/**
 * The result of a selection: every candidate in grid order and the index of the winner, the
 * valid candidate of lowest criterion (ties to the earlier one), or −1 when none is valid.
 */
public record Selection(Criterion criterion, List<Candidate> candidates, int winner) {
  public Selection {
    candidates = List.copyOf(candidates);
  }
}
