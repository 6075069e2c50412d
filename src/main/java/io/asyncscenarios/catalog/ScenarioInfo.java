package io.asyncscenarios.catalog;

import io.asyncscenarios.param.ParamSpec;
import io.asyncscenarios.scenario.Scenario;

import java.util.List;
import java.util.function.Supplier;

/**
 * One entry of the catalogue: what a scenario is called, where the tutorial tells it, the parameters it
 * takes, and how to make one.
 *
 * @param id the stable id used in configuration and reports
 * @param title what it shows, in a line
 * @param section the tutorial section it comes from
 * @param anchors one line of the tutorial for each of its programs this scenario mirrors, in the tutorial's
 *                order: a line found once in the tutorial (spaces around it aside), in the program's code or
 *                the heading just before it; empty for a scenario beyond the tutorial. {@link Tutorial} cuts
 *                the programs from them.
 * @param inDefault whether a run without a selection includes it
 * @param fetches whether it fetches over HTTP, with the run's one client
 * @param params its parameters under {@code scenario.<id>}
 * @param factory makes a fresh, undeployed instance
 */
public record ScenarioInfo(String id, String title, String section, List<String> anchors, boolean inDefault, boolean fetches,
                           ParamSpec params, Supplier<? extends Scenario> factory) {

  public ScenarioInfo {
    anchors = List.copyOf(anchors);
  }

  public Scenario create() {
    return factory.get();
  }

  /** This entry with scenarios made by {@code factory} instead (a test's subclass, say). */
  public ScenarioInfo withFactory(Supplier<? extends Scenario> factory) {
    return new ScenarioInfo(id, title, section, anchors, inDefault, fetches, params, factory);
  }
}
