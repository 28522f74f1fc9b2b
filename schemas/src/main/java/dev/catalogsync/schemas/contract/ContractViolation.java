package dev.catalogsync.schemas.contract;

import java.util.List;

/** A payload that does not satisfy its topic's contract; the message names the offending fields. */
public class ContractViolation extends RuntimeException {
  private final List<String> problems;

  public ContractViolation(String what, List<String> problems) {
    super(what + " violates its contract: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
